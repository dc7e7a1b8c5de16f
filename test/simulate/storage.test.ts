// The simulator on the storage examples, loaded as `kubemodel simulate` loads them (admission included):
// the Events a user would see with `kubectl get events`, and the Pods, claims and volumes at the end.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCluster, renderSimulation } from '../../src/cli/commands/simulate.ts';
import { podStatusColumns } from '../../src/kubectl/get-pods.ts';
import { pvcRow } from '../../src/kubectl/get-storage.ts';
import { simulate, type SimulationResult } from '../../src/simulate/simulate.ts';

const dir = join(import.meta.dirname, '..', '..', 'examples', 'storage');
const start = new Date('2026-01-01T00:00:00Z');
const VERSION = '1.37';

async function run(example: string): Promise<{ r: SimulationResult; now: Date }> {
  const cluster = await loadCluster([join(dir, 'cluster.yaml'), join(dir, example)], () => Promise.resolve(''), VERSION);
  expect(cluster.errors).toEqual([]);
  const r = simulate(cluster, { durationSeconds: 600, kubernetesVersion: VERSION, start });
  return { r, now: new Date(start.getTime() + r.endSeconds * 1000) };
}

const reasons = (r: SimulationResult, object?: string) => r.events.filter((e) => object === undefined || e.object === object).map((e) => e.reason);
const pod = (r: SimulationResult, name: string) => r.pods.find((p) => p.metadata.name === name)!;

describe('pv-pod.yaml: dynamic provisioning through CSI', async () => {
  const { r, now } = await run('pv-pod.yaml');

  it('PVC-09, VOL-09, VOL-10: ExternalProvisioning, Provisioning, ProvisioningSucceeded, Scheduled, SuccessfulAttachVolume, then the container starts', () => {
    const order = ['ExternalProvisioning', 'Provisioning', 'ProvisioningSucceeded', 'Scheduled', 'SuccessfulAttachVolume', 'Pulling', 'Pulled', 'Created', 'Started'];
    expect(reasons(r).filter((x) => order.includes(x))).toEqual(order);
  });

  it('PVC-04, PVC-09: ExternalProvisioning is recorded once by the PV controller while the claim waits, not repeated by the provisioner step', () => {
    const external = r.events.filter((e) => e.reason === 'ExternalProvisioning');
    expect(external).toHaveLength(1);
    expect(external[0]).toMatchObject({ object: 'persistentvolumeclaim/pv-claim', source: 'persistentvolume-controller', type: 'Normal' });
    expect(external[0]!.message).toContain("external provisioner 'hostpath.csi.k8s.io'");
  });

  it('PVC-01: the Pod runs once its volume is mounted', () => {
    expect(podStatusColumns(pod(r, 'pv-pod'), now)).toMatchObject({ status: 'Running', ready: '1/1' });
  });

  it('PVC-02, PVC-07, PVC-09: kubectl get pvc shows the claim Bound to pvc-<claim uid> in the default class, 1Gi RWO', () => {
    const claim = r.claims.find((c) => c.metadata.name === 'pv-claim')!;
    const uid = claim.metadata.uid ?? '';
    expect(uid).not.toBe('');
    expect(pvcRow(claim, now, VERSION)).toEqual(['pv-claim', 'Bound', `pvc-${uid}`, '1Gi', 'RWO', 'csi-hostpath-sc', '<unset>', '10m']);
    const text = renderSimulation(r, now, VERSION);
    expect(text).toContain('$ kubectl get pvc\n');
    expect(text).toMatch(new RegExp(`pv-claim +Bound +pvc-${uid} +1Gi +RWO +csi-hostpath-sc`));
  });

  it('PVC-02, PVC-14: kubectl get pv shows the provisioned volume Bound to default/pv-claim with reclaim policy Delete', () => {
    const text = renderSimulation(r, now, VERSION);
    expect(text).toContain('$ kubectl get pv\n');
    expect(text).toMatch(/pvc-\S+ +1Gi +RWO +Delete +Bound +default\/pv-claim +csi-hostpath-sc/);
  });
});

describe('claim-never-binds.yaml: a class whose provisioner is kubernetes.io/no-provisioner', async () => {
  const { r, now } = await run('claim-never-binds.yaml');

  it('PVC-05, PVC-09: the claim gets ProvisioningFailed "no volume plugin matched name: kubernetes.io/no-provisioner", once', () => {
    const failed = r.events.filter((e) => e.object === 'persistentvolumeclaim/data');
    expect(failed).toEqual([
      expect.objectContaining({ type: 'Warning', reason: 'ProvisioningFailed', message: 'no volume plugin matched name: kubernetes.io/no-provisioner' }),
    ]);
  });

  it('PVC-05: the Pod stays Pending with FailedScheduling "pod has unbound immediate PersistentVolumeClaims"', () => {
    expect(podStatusColumns(pod(r, 'db'), now).status).toBe('Pending');
    const scheduling = r.events.filter((e) => e.object === 'pod/db' && e.reason === 'FailedScheduling');
    expect(scheduling.length).toBeGreaterThan(0);
    expect(scheduling[0]!.message).toContain('pod has unbound immediate PersistentVolumeClaims');
  });

  it('PVC-05: kubectl get pvc shows the claim Pending in class fast, and there is no kubectl get pv (no volume exists)', () => {
    const text = renderSimulation(r, now, VERSION);
    expect(text).toMatch(/\ndata +Pending +fast +<unset> +10m\n/);
    expect(text).not.toContain('$ kubectl get pv\n');
  });
});

describe('missing-configmap.yaml: a ConfigMap volume whose ConfigMap does not exist', async () => {
  const { r, now } = await run('missing-configmap.yaml');

  it('CFG-02: kubelet records FailedMount naming the volume and the missing ConfigMap', () => {
    const mount = r.events.filter((e) => e.reason === 'FailedMount');
    expect(mount.length).toBeGreaterThan(0);
    expect(mount[0]).toMatchObject({ object: 'pod/config-reader', type: 'Warning', message: 'MountVolume.SetUp failed for volume "settings" : configmap "app-settings" not found' });
  });

  it('CFG-02: the Pod stays ContainerCreating, and no claim or volume table is printed', () => {
    expect(podStatusColumns(pod(r, 'config-reader'), now).status).toBe('ContainerCreating');
    expect(renderSimulation(r, now, VERSION)).not.toContain('kubectl get pvc');
  });
});

describe('local-pv.yaml: a local volume under WaitForFirstConsumer', async () => {
  const { r, now } = await run('local-pv.yaml');

  it('PVC-12, PVC-11: the Pod is scheduled onto node01, the node the volume lives on, and runs', () => {
    expect(pod(r, 'example-pv-pod').spec.nodeName).toBe('node01');
    expect(podStatusColumns(pod(r, 'example-pv-pod'), now).status).toBe('Running');
  });

  it('PVC-10: before the Pod is placed the claim waits: WaitForPodScheduled names the Pod', () => {
    const waits = r.events.filter((e) => e.object === 'persistentvolumeclaim/example-local-claim');
    expect(waits.map((e) => [e.reason, e.message])).toEqual([['WaitForPodScheduled', 'waiting for pod example-pv-pod to be scheduled']]);
    expect(reasons(r).indexOf('WaitForPodScheduled')).toBeLessThan(reasons(r).indexOf('Scheduled'));
  });

  it('PVC-12, PVC-14: the claim ends Bound to example-local-pv (5Gi, Retain)', () => {
    const claim = r.claims.find((c) => c.metadata.name === 'example-local-claim')!;
    expect(pvcRow(claim, now, VERSION).slice(0, 5)).toEqual(['example-local-claim', 'Bound', 'example-local-pv', '5Gi', 'RWO']);
    expect(r.volumes.map((v) => [v.metadata.name, v.status?.phase])).toEqual([['example-local-pv', 'Bound']]);
  });
});
