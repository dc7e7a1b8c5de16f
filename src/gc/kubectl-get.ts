// What `kubectl get` shows of an object the garbage collector has not finished with (GC-03): it is listed
// as long as it exists. Only the Pod printer (printPod) reads deletionTimestamp and turns STATUS into
// "Terminating"; Deployments and ReplicaSets print their usual columns (READY, UP-TO-DATE, …) with nothing
// marking the deletion, which only `-o yaml` shows (metadata.deletionTimestamp, metadata.finalizers).
import type { GcObject } from './types.ts';

export interface GetView {
  /** Whether `kubectl get <kind>` lists it: every object that still exists is listed. */
  listed: true;
  /** The STATUS column when deletion changes it: "Terminating" for a Pod being deleted. */
  status?: 'Terminating';
  /** What `-o yaml` adds under metadata while the object waits for its finalizers. */
  metadata: { deletionTimestamp?: string; finalizers?: readonly string[] };
}

/** A foreground-deleted Deployment: listed, no status change, metadata {deletionTimestamp, [foregroundDeletion]}. */
export function getView(object: GcObject): GetView {
  const metadata: GetView['metadata'] = {};
  if (object.deletionTimestamp !== undefined) metadata.deletionTimestamp = object.deletionTimestamp;
  if ((object.finalizers ?? []).length > 0) metadata.finalizers = object.finalizers;
  return object.kind === 'Pod' && object.deletionTimestamp !== undefined ? { listed: true, status: 'Terminating', metadata } : { listed: true, metadata };
}
