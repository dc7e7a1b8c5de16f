// Names the PersistentVolumeController, the scheduler's volume binder and external provisioners agree on
// (k8s.io/component-helpers/storage/volume/helpers.go, pkg/volume/util/storageclass.go, core/v1
// well_known_annotations). Written once here so a typo cannot split one annotation into two.

/** On a claim: the controller finished binding it; sync then takes the "bound" branch (PVC-02). */
export const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
/** On a PV or claim: the controller, not the user, wrote the binding (so it may roll it back). */
export const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
/** On a claim: the node the scheduler chose, the signal to provision there (PVC-11). */
export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
/** On a PV: who provisioned it; its value decides who may delete it (PVC-14). */
export const ANN_PROVISIONED_BY = 'pv.kubernetes.io/provisioned-by';
/** On a claim: which provisioner should create its volume, set before ExternalProvisioning. */
export const ANN_STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner';
export const ANN_BETA_STORAGE_PROVISIONER = 'volume.beta.kubernetes.io/storage-provisioner';
/** The pre-storageClassName way of naming a class; still read first on claims and PVs (PVC-06). */
export const ANN_BETA_STORAGE_CLASS = 'volume.beta.kubernetes.io/storage-class';
/** On a StorageClass: "true" makes it the default class (PVC-07); the beta name still counts. */
export const ANN_DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class';
export const ANN_BETA_DEFAULT_CLASS = 'storageclass.beta.kubernetes.io/is-default-class';

/** A StorageClass provisioner meaning "no dynamic provisioning" (local PVs, PVC-13). */
export const NO_PROVISIONER = 'kubernetes.io/no-provisioner';

/**
 * In-tree provisioners whose CSI migration is on by default in current releases: the controller hands
 * their claims to the CSI driver's external-provisioner under the driver's name (csi-translation-lib).
 * Portworx is left out: its migration gate has not been on by default for long enough to be sure.
 */
export const MIGRATED_PROVISIONERS: Readonly<Record<string, string>> = {
  'kubernetes.io/aws-ebs': 'ebs.csi.aws.com',
  'kubernetes.io/gce-pd': 'pd.csi.storage.gke.io',
  'kubernetes.io/azure-disk': 'disk.csi.azure.com',
  'kubernetes.io/azure-file': 'file.csi.azure.com',
  'kubernetes.io/cinder': 'cinder.csi.openstack.org',
  'kubernetes.io/vsphere-volume': 'csi.vsphere.vmware.com',
};
