// Dynamic provisioning (PVC-09, PVC-11, VOL-09): which provisioner the PV controller hands a claim to
// (findProvisionablePlugin, provisionClaimOperationExternal) and the PV an external CSI provisioner then
// creates (sig-storage-lib-external-provisioner + external-provisioner). In-tree provisioning plugins are
// gone from current releases except through CSI migration, so every claim goes to an external provisioner
// or fails.
import type { PersistentVolume, PersistentVolumeClaim, StorageClass } from '../../k8s/types.ts';
import { claimClass, findClass } from './classes.ts';
import { ANN_PROVISIONED_BY, MIGRATED_PROVISIONERS } from './constants.ts';

export type ProvisionerLookup = { ok: true; provisioner: string; storageClass: StorageClass } | { ok: false; error: string };

/**
 * The provisioner a claim's class names, under its CSI name when migrated (kubernetes.io/aws-ebs →
 * ebs.csi.aws.com). A class that does not exist, or an in-tree name without a plugin (kubernetes.io/no-provisioner
 * included), is an error the controller records as ProvisioningFailed.
 */
export function provisionerFor(claim: PersistentVolumeClaim, classes: readonly StorageClass[]): ProvisionerLookup {
  const name = claimClass(claim);
  const sc = findClass(classes, name);
  if (!sc) return { ok: false, error: `storageclass.storage.k8s.io "${name}" not found` };
  const migrated = MIGRATED_PROVISIONERS[sc.provisioner];
  if (migrated) return { ok: true, provisioner: migrated, storageClass: sc };
  if (sc.provisioner.startsWith('kubernetes.io/')) return { ok: false, error: `no volume plugin matched name: ${sc.provisioner}` };
  return { ok: true, provisioner: sc.provisioner, storageClass: sc };
}

export interface ProvisionOptions {
  /** metadata.uid of the new PV; the PV's name uses the claim's uid when it has one, else this. */
  uid: string;
  /** The claim's volume.kubernetes.io/selected-node (WaitForFirstConsumer, PVC-11). */
  selectedNode?: string;
}

/**
 * The PV external-provisioner creates for `claim`: named pvc-<claim uid>, the requested size (real drivers
 * may round up), the claim's access modes and volumeMode, pre-bound to the claim by claimRef with uid, the
 * class's reclaimPolicy (API default Delete) and mountOptions, annotated provisioned-by, a CSI source whose
 * volumeHandle stands in for the driver's own id. With a selected node the PV is pinned to it through
 * kubernetes.io/hostname, as node-local drivers do (zonal drivers pin a zone instead). The API server
 * creates it in phase Pending; the PV controller's next syncs bind it.
 */
export function provisionedVolume(claim: PersistentVolumeClaim, storageClass: StorageClass, opts: ProvisionOptions): PersistentVolume {
  const name = `pvc-${claim.metadata.uid ?? opts.uid}`;
  const provisioner = MIGRATED_PROVISIONERS[storageClass.provisioner] ?? storageClass.provisioner;
  const request = claim.spec.resources?.requests?.storage;
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name, uid: opts.uid, annotations: { [ANN_PROVISIONED_BY]: provisioner } },
    spec: {
      ...(request !== undefined ? { capacity: { storage: request } } : {}),
      accessModes: [...(claim.spec.accessModes ?? [])],
      volumeMode: claim.spec.volumeMode ?? 'Filesystem',
      storageClassName: storageClass.metadata.name,
      persistentVolumeReclaimPolicy: storageClass.reclaimPolicy ?? 'Delete',
      ...(storageClass.mountOptions ? { mountOptions: [...storageClass.mountOptions] } : {}),
      claimRef: {
        kind: 'PersistentVolumeClaim',
        apiVersion: 'v1',
        namespace: claim.metadata.namespace ?? 'default',
        name: claim.metadata.name,
        ...(claim.metadata.uid !== undefined ? { uid: claim.metadata.uid } : {}),
      },
      ...(opts.selectedNode !== undefined
        ? { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In' as const, values: [opts.selectedNode] }] }] } } }
        : {}),
      csi: { driver: provisioner, volumeHandle: name },
    },
    status: { phase: 'Pending' },
  };
}
