import { describe, expect, it } from 'vitest';
import type { Deployment, ReplicaSet } from '../../src/k8s/types.ts';
import { describeDeployment, goTabwriter, replicaSetsText, rfc1123z, splitReplicaSets, type DescribedEvent } from '../../src/kubectl/describe-deployment.ts';

const T0 = '2026-01-01T00:00:00Z';
const template = { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.7.9', ports: [{ containerPort: 80 }] }] } };
const nginx: Deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'nginx-deployment', namespace: 'default', uid: 'u1', creationTimestamp: T0, labels: { app: 'nginx' }, annotations: { 'deployment.kubernetes.io/revision': '1' }, generation: 1 },
  spec: { replicas: 3, selector: { matchLabels: { app: 'nginx' } }, template },
  status: {
    observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3,
    conditions: [
      { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' },
      { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' },
    ],
  },
};

function rs(name: string, image: string, spec: number, status: number, created = T0): ReplicaSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: 'default', creationTimestamp: created, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'nginx-deployment', uid: 'u1', controller: true }] },
    spec: { replicas: spec, selector: nginx.spec.selector, template: { metadata: { labels: { app: 'nginx', 'pod-template-hash': name.split('-').pop()! } }, spec: { containers: [{ name: 'nginx', image, ports: [{ containerPort: 80 }] }] } } },
    status: { replicas: status },
  };
}

const scaledUp: DescribedEvent = { type: 'Normal', reason: 'ScalingReplicaSet', message: 'Scaled up replica set nginx-deployment-75675f5897 from 0 to 3', source: 'deployment-controller', firstTimestamp: T0 };

const golden = `Name:                   nginx-deployment
Namespace:              default
CreationTimestamp:      Thu, 01 Jan 2026 00:00:00 +0000
Labels:                 app=nginx
Annotations:            deployment.kubernetes.io/revision: 1
Selector:               app=nginx
Replicas:               3 desired | 3 updated | 3 total | 3 available | 0 unavailable
StrategyType:           RollingUpdate
MinReadySeconds:        0
RollingUpdateStrategy:  25% max unavailable, 25% max surge
Pod Template:
  Labels:  app=nginx
  Containers:
   nginx:
    Image:         nginx:1.7.9
    Port:          80/TCP
    Host Port:     0/TCP
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Conditions:
  Type           Status  Reason
  ----           ------  ------
  Available      True    MinimumReplicasAvailable
  Progressing    True    NewReplicaSetAvailable
OldReplicaSets:  <none>
NewReplicaSet:   nginx-deployment-75675f5897 (3/3 replicas created)
Events:
  Type    Reason             Age   From                   Message
  ----    ------             ----  ----                   -------
  Normal  ScalingReplicaSet  2m    deployment-controller  Scaled up replica set nginx-deployment-75675f5897 from 0 to 3
`;

describe('kubectl describe deployment', () => {
  it('ROLL-02, ROLL-03, ROLL-05, ROLL-09: a rolled-out nginx-deployment reads as kubectl prints it', () => {
    const text = describeDeployment({ deployment: nginx, replicaSets: [rs('nginx-deployment-75675f5897', 'nginx:1.7.9', 3, 3)], now: new Date('2026-01-01T00:02:00Z'), events: [scaledUp] });
    expect(text).toBe(golden);
  });

  it('ROLL-05: mid-rollout the old ReplicaSet is listed with its counts and repeated Events aggregate', () => {
    const updating: Deployment = {
      ...nginx,
      metadata: { ...nginx.metadata, annotations: { 'deployment.kubernetes.io/revision': '2' } },
      spec: { ...nginx.spec, template: { ...template, spec: { containers: [{ name: 'nginx', image: 'nginx:1.16.1', ports: [{ containerPort: 80 }] }] } } },
      status: { ...nginx.status, replicas: 4, updatedReplicas: 1, availableReplicas: 3, unavailableReplicas: 1 },
    };
    const events: DescribedEvent[] = [
      scaledUp,
      { type: 'Normal', reason: 'ScalingReplicaSet', message: 'Scaled up replica set nginx-deployment-5d59d67564 from 0 to 1', source: 'deployment-controller', firstTimestamp: '2026-01-01T00:00:30Z' },
      { type: 'Normal', reason: 'ScalingReplicaSet', message: 'Scaled down replica set nginx-deployment-75675f5897 from 3 to 2', source: 'deployment-controller', firstTimestamp: '2026-01-01T00:00:35Z', lastTimestamp: '2026-01-01T00:00:50Z', count: 2 },
    ];
    const text = describeDeployment({
      deployment: updating,
      replicaSets: [rs('nginx-deployment-75675f5897', 'nginx:1.7.9', 2, 3), rs('nginx-deployment-5d59d67564', 'nginx:1.16.1', 2, 1, '2026-01-01T00:00:30Z')],
      now: new Date('2026-01-01T00:01:00Z'),
      events,
    });
    expect(text).toContain('Replicas:               3 desired | 1 updated | 4 total | 3 available | 1 unavailable\n');
    expect(text).toContain('OldReplicaSets:  nginx-deployment-75675f5897 (3/2 replicas created)\nNewReplicaSet:   nginx-deployment-5d59d67564 (1/2 replicas created)\n');
    expect(text).toContain('  Normal  ScalingReplicaSet  10s (x2 over 25s)  deployment-controller  Scaled down replica set nginx-deployment-75675f5897 from 3 to 2\n');
    expect(text).toContain('    Image:         nginx:1.16.1\n');
  });

  it('ROLL-06: Recreate prints no RollingUpdateStrategy line; no Events prints "Events: <none>"', () => {
    const recreate: Deployment = { ...nginx, spec: { ...nginx.spec, strategy: { type: 'Recreate' } }, status: {} };
    const text = describeDeployment({ deployment: recreate, replicaSets: [], now: new Date(T0), events: [] });
    expect(text).toContain('StrategyType:       Recreate\nMinReadySeconds:    0\nPod Template:\n');
    expect(text).not.toContain('RollingUpdateStrategy');
    expect(text).not.toContain('OldReplicaSets');
    expect(text).not.toContain('Conditions:');
    expect(text.endsWith('Events:  <none>\n')).toBe(true);
  });

  it('ROLL-05: --show-events=false leaves the Events section out', () => {
    const text = describeDeployment({ deployment: nginx, replicaSets: [], now: new Date(T0) });
    expect(text).not.toContain('Events');
  });

  it('ROLL-03: the new ReplicaSet is the oldest with the Deployment template; others are old, by name; foreign ones are ignored', () => {
    const foreign = { ...rs('other-1', 'nginx:1.7.9', 1, 1), metadata: { name: 'other-1', namespace: 'default' } };
    const a = rs('nginx-deployment-b', 'nginx:1.7.9', 3, 3, '2026-01-01T00:00:10Z');
    const b = rs('nginx-deployment-a', 'nginx:1.7.9', 0, 0, '2026-01-01T00:00:20Z');
    const c = rs('nginx-deployment-c', 'nginx:1.6', 0, 0);
    const split = splitReplicaSets(nginx, [foreign, c, b, a]);
    expect(split.newRS?.metadata.name).toBe('nginx-deployment-b');
    expect(split.old.map((r) => r.metadata.name)).toEqual(['nginx-deployment-a', 'nginx-deployment-c']);
    expect(replicaSetsText([])).toBe('<none>');
  });

  // [name, input, expected]
  const tabs: [string, string, string][] = [
    ['ROLL-05: cells of consecutive lines align to the widest plus 2', 'Name:\tweb\nStrategyType:\tRecreate', 'Name:          web\nStrategyType:  Recreate'],
    ['ROLL-05: a line without a tab ends the block, so the next block aligns on its own', 'A:\t1\nPod Template:\nLonger:\t2', 'A:  1\nPod Template:\nLonger:  2'],
    ['ROLL-05: a line\'s last cell is never padded, inner columns align per run', 'a\tb\tc\naa\tbbbb\tc', 'a   b     c\naa  bbbb  c'],
  ];
  it.each(tabs)('%s', (_name, input, expected) => {
    expect(goTabwriter(input)).toBe(expected);
  });

  it('ROLL-09: CreationTimestamp is RFC1123Z', () => {
    expect(rfc1123z('2017-11-30T10:56:25Z')).toBe('Thu, 30 Nov 2017 10:56:25 +0000');
  });
});
