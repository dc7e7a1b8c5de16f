// Invariants of Deployments composed with real ReplicaSets and Pods (ROLL-05, ROLL-06): what the controller
// guarantees during a rollout that a user started on a complete Deployment, while no fault or container exit
// happened (a crash, an exit or a lost node is not the controller's doing; the count-level models in properties/rollout.ts show how
// faults break the bound). They read a view built by src/checker/deployment-view.ts.

export interface DeploymentModelView {
  /** Faults spent, and whether any of the Deployments' containers exited (even with code 0): disruptions. */
  faults: number;
  disrupted: boolean;
  deployments: {
    name: string;
    strategy: 'RollingUpdate' | 'Recreate';
    replicas: number;
    /** maxSurge and maxUnavailable resolved against replicas. */
    surge: number;
    unavailable: number;
    /** A user changed the template (the rollout under test has started), scaled it, or rolled it back. */
    imageSet: boolean;
    scaled: boolean;
    undone: boolean;
    /** Ready Pods that are not being deleted (minReadySeconds 0: Ready is available). */
    available: number;
    /** Pods not being deleted and not finished, of the current template and of older ones. */
    activeNew: number;
    activeOld: number;
    /** Old-template Pods that still exist in any state but finished (terminating ones included). */
    oldPodsLeft: number;
    /** spec.replicas summed over the Deployment's ReplicaSets. */
    specReplicas: number;
    updatedReplicas: number;
    oldSpecReplicas: number;
  }[];
}

export interface DeploymentProperty {
  id: string;
  description: string;
  behaviours: string[];
  holds: (v: DeploymentModelView) => boolean;
}

const rolling = (d: DeploymentModelView['deployments'][number]) => d.strategy === 'RollingUpdate' && d.imageSet && !d.scaled && !d.undone;

export const deploymentInvariants: DeploymentProperty[] = [
  {
    id: 'deployment-min-available',
    description: 'while no fault or container exit has happened, a RollingUpdate keeps at least replicas − maxUnavailable Pods available',
    behaviours: ['ROLL-05'],
    holds: (v) => v.faults > 0 || v.disrupted || v.deployments.every((d) => !rolling(d) || d.available >= d.replicas - d.unavailable),
  },
  {
    // Not a guarantee either: a crash or a lost node is not the controller's doing. Checked only by the
    // model that shows it (deployment-crash).
    id: 'deployment-min-available-always',
    description: 'a RollingUpdate keeps at least replicas − maxUnavailable Pods available even when a Pod crashes (NOT guaranteed)',
    behaviours: ['ROLL-05'],
    holds: (v) => v.deployments.every((d) => !rolling(d) || d.available >= d.replicas - d.unavailable),
  },
  {
    id: 'deployment-max-surge',
    description: "a RollingUpdate never asks for more than replicas + maxSurge Pods: its ReplicaSets' spec.replicas sum to at most that",
    behaviours: ['ROLL-05'],
    holds: (v) => v.deployments.every((d) => !rolling(d) || d.specReplicas <= d.replicas + d.surge),
  },
  {
    // Not a guarantee: the controller counts spec.replicas, so when it scales the new ReplicaSet up before the
    // ReplicaSet controller has deleted the Pods it scaled the old one down from, more Pods exist for a moment.
    // Checked only by the model that shows it (deployment-pods-exceed-surge).
    id: 'deployment-max-surge-pods',
    description: 'a RollingUpdate never has more than replicas + maxSurge active Pods at once (NOT guaranteed by Kubernetes)',
    behaviours: ['ROLL-05'],
    holds: (v) => v.faults > 0 || v.disrupted || v.deployments.every((d) => !rolling(d) || d.activeNew + d.activeOld <= d.replicas + d.surge),
  },
  {
    id: 'recreate-never-mixes',
    description: "a Recreate rollout never runs the new template's Pods while any old Pod still exists",
    behaviours: ['ROLL-06'],
    holds: (v) => v.deployments.every((d) => d.strategy !== 'Recreate' || !d.imageSet || d.oldPodsLeft === 0 || d.activeNew === 0),
  },
];

export const deploymentStableInvariants: DeploymentProperty[] = [
  {
    id: 'deployment-rollout-complete',
    description: 'once settled without faults, every Deployment has updatedReplicas = availableReplicas = replicas and its old ReplicaSets at 0',
    behaviours: ['ROLL-05', 'ROLL-06'],
    holds: (v) => v.faults > 0 || v.disrupted || v.deployments.every((d) => d.updatedReplicas === d.replicas && d.available === d.replicas && d.oldSpecReplicas === 0 && d.activeOld === 0),
  },
];
