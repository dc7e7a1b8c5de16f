// Invariants of cascading deletion on the cluster's objects (GC-01..GC-04): they read the owner graph of the
// Deployments, ReplicaSets and Pods as the API server holds them.

export interface OwnerGraphView {
  objects: { key: string; uid: string; owners: { uid: string; blockOwnerDeletion: boolean }[]; finalizers: string[]; deleting: boolean }[];
}

export interface GcProperty {
  id: string;
  description: string;
  behaviours: string[];
}

export const gcStepInvariants: (GcProperty & { holds: (before: OwnerGraphView, after: OwnerGraphView) => boolean })[] = [
  {
    id: 'foreground-owner-goes-last',
    description: 'an owner deleted in the foreground is removed only after every dependent that blocks its deletion (blockOwnerDeletion) is gone',
    behaviours: ['GC-03'],
    holds: (before, after) =>
      before.objects.every((o) => {
        if (!o.finalizers.includes('foregroundDeletion') || after.objects.some((x) => x.key === o.key)) return true;
        return !after.objects.some((d) => d.owners.some((r) => r.uid === o.uid && r.blockOwnerDeletion));
      }),
  },
];

export const gcStableInvariants: (GcProperty & { holds: (v: OwnerGraphView) => boolean })[] = [
  {
    id: 'no-dangling-owner-references',
    description: 'once settled, no object still names an owner that is gone: its dependents were deleted, or orphaned and their references removed',
    behaviours: ['GC-03', 'GC-04'],
    holds: (v) => v.objects.every((o) => o.owners.every((r) => v.objects.some((x) => x.uid === r.uid))),
  },
];
