// kubelet node-pressure eviction: thresholds, node conditions and taints, admission under pressure, the
// eviction order and the Evicted wording. Each row's name states the verdict and the reason.
import { describe, expect, it } from 'vitest';
import {
  admitPod,
  evaluatePressure,
  evictionMessage,
  localStorageEviction,
  rankForEviction,
  signalToReclaim,
  thresholdQuantity,
  type NodeObservation,
  type PodStats,
  type PodWithStats,
} from '../../src/eviction/eviction.ts';
import type { Container, Pod, Toleration } from '../../src/k8s/types.ts';

const node = (observed: NodeObservation['observed']): NodeObservation => ({
  capacity: { memory: '8Gi', nodefs: '100Gi', nodefsInodes: '6553600', imagefs: '200Gi' },
  observed,
});
const healthy = { memoryAvailable: '4Gi', nodefsAvailable: '50Gi', nodefsInodesFree: '6000000', imagefsAvailable: '150Gi' };

function pod(name: string, containers: Partial<Container>[], extra: Partial<Pod['spec']> = {}, annotations?: Record<string, string>): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', ...(annotations ? { annotations } : {}) },
    spec: { containers: containers.map((c, i) => ({ name: c.name ?? `c${i}`, image: 'nginx', ...c })), ...extra },
  };
}
const requests = (memory?: string, limit?: string): Partial<Container> => ({
  name: 'app',
  resources: { ...(memory ? { requests: { memory } } : {}), ...(limit ? { limits: { memory: limit } } : {}) },
});

describe('thresholdQuantity (signals.ts worked examples)', () => {
  const rows: [string, string, string, string | undefined][] = [
    ['NODE-12: "100Mi" is used as written', '100Mi', '8Gi', '100Mi'],
    ['NODE-12: 10% of 100Gi is 10737418400 bytes, float32 0.1 is slightly above 0.1', '10%', '100Gi', '10737418400'],
    ['NODE-12: 15% of 200Gi is 32212256000 bytes through float32 0.15', '15%', '200Gi', '32212256000'],
    ['NODE-12: 5% of 6553600 inodes is 327680, printed BinarySI as 320Ki', '5%', '6553600', '320Ki'],
    ['NODE-12: 0% means no threshold', '0%', '100Gi', undefined],
    ['NODE-12: 100% means no threshold', '100%', '100Gi', undefined],
  ];
  for (const [name, statement, capacity, expected] of rows) {
    it(name, () => expect(thresholdQuantity(statement, capacity)?.toString()).toBe(expected));
  }
  it('NODE-12: rejected — a zero quantity threshold', () => expect(() => thresholdQuantity('0', '8Gi')).toThrow(/must be positive/));
});

describe('evaluatePressure with the Linux defaults', () => {
  const rows: [string, NodeObservation['observed'], string[], string[]][] = [
    ['NODE-12: plenty of everything, no pressure and no taint', healthy, [], []],
    ['NODE-12: 50Mi memory available is below 100Mi, MemoryPressure and its taint', { ...healthy, memoryAvailable: '50Mi' }, ['MemoryPressure'], ['node.kubernetes.io/memory-pressure']],
    ['NODE-12: exactly 100Mi available is not below 100Mi, no pressure', { ...healthy, memoryAvailable: '100Mi' }, [], []],
    ['NODE-12: 9Gi of a 100Gi nodefs is below 10%, DiskPressure', { ...healthy, nodefsAvailable: '9Gi' }, ['DiskPressure'], ['node.kubernetes.io/disk-pressure']],
    ['NODE-12: 20Gi of a 200Gi imagefs is below 15%, DiskPressure', { ...healthy, imagefsAvailable: '20Gi' }, ['DiskPressure'], ['node.kubernetes.io/disk-pressure']],
    ['NODE-12: 300000 free inodes is below 5% of 6553600, DiskPressure', { ...healthy, nodefsInodesFree: '300000' }, ['DiskPressure'], ['node.kubernetes.io/disk-pressure']],
    ['NODE-12: memory and disk together, both conditions and both taints', { ...healthy, memoryAvailable: '10Mi', nodefsAvailable: '1Gi' }, ['MemoryPressure', 'DiskPressure'], ['node.kubernetes.io/memory-pressure', 'node.kubernetes.io/disk-pressure']],
  ];
  for (const [name, observed, conditions, taints] of rows) {
    it(name, () => {
      const report = evaluatePressure(node(observed));
      expect(report.conditions.filter((c) => c.status === 'True').map((c) => c.type)).toEqual(conditions);
      expect(report.taints).toEqual(taints.map((key) => ({ key, effect: 'NoSchedule' })));
    });
  }

  it('NODE-12: conditions carry kubelet\'s reasons and messages', () => {
    const report = evaluatePressure(node({ ...healthy, memoryAvailable: '50Mi' }));
    expect(report.conditions).toEqual([
      { type: 'MemoryPressure', status: 'True', reason: 'KubeletHasInsufficientMemory', message: 'kubelet has insufficient memory available' },
      { type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
    ]);
  });

  it('NODE-12: each signal reports its threshold and availability as kubelet prints them', () => {
    const report = evaluatePressure(node({ memoryAvailable: '52428800', nodefsInodesFree: '300000' }));
    expect(report.signals).toEqual([
      { signal: 'memory.available', resource: 'memory', threshold: '100Mi', available: '50Mi', met: true },
      { signal: 'nodefs.inodesFree', resource: 'inodes', threshold: '320Ki', available: '300k', met: true },
    ]);
    expect(signalToReclaim(report)?.signal).toBe('memory.available');
  });
});

describe('admitPod under pressure', () => {
  const bestEffort = pod('be', [{ name: 'app' }]);
  const burstable = pod('burst', [requests('100Mi')]);
  const tolerant = pod('be-tolerant', [{ name: 'app' }], { tolerations: [{ key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' } as Toleration] });
  const critical = pod('critical', [{ name: 'app' }], { priority: 2000001000 });
  const staticPod = pod('static', [{ name: 'app' }], {}, { 'kubernetes.io/config.source': 'file' });
  const rows: [string, Pod, string[], boolean][] = [
    ['RES-08: no pressure admits BestEffort', bestEffort, [], true],
    ['RES-08: MemoryPressure refuses BestEffort', bestEffort, ['MemoryPressure'], false],
    ['RES-07: MemoryPressure admits Burstable', burstable, ['MemoryPressure'], true],
    ['RES-08: MemoryPressure admits BestEffort that tolerates memory-pressure', tolerant, ['MemoryPressure'], true],
    ['NODE-12: DiskPressure refuses Burstable', burstable, ['DiskPressure'], false],
    ['NODE-12: DiskPressure admits a system-node-critical Pod', critical, ['DiskPressure'], true],
    ['NODE-12: DiskPressure admits a static Pod', staticPod, ['DiskPressure'], true],
  ];
  for (const [name, p, conditions, admit] of rows) it(name, () => expect(admitPod(p, conditions).admit).toBe(admit));

  it('NODE-12: a refusal says Evicted and lists the conditions Go-style, with a trailing space', () => {
    expect(admitPod(burstable, ['MemoryPressure', 'DiskPressure'])).toEqual({
      admit: false,
      reason: 'Evicted',
      message: 'The node had condition: [MemoryPressure DiskPressure]. ',
    });
  });
});

describe('rankForEviction', () => {
  const be = pod('best-effort', [{ name: 'app' }]);
  const hog = pod('hog', [requests('100Mi')]);
  const modest = pod('modest', [requests('100Mi')]);
  const important = pod('important', [requests('100Mi')], { priority: 1000 });
  const mem = (p: Pod, memory: string): PodWithStats => ({ pod: p, stats: { memory } });
  const rows: [string, PodWithStats[], string[]][] = [
    ['NODE-13: above requests first, then by how far: hog (500Mi over) before BestEffort (50Mi over) before modest (within)', [mem(modest, '90Mi'), mem(be, '50Mi'), mem(hog, '600Mi')], ['hog', 'best-effort', 'modest']],
    ['NODE-13: among Pods above their requests the lower priority goes first, however much the other uses', [mem(important, '900Mi'), mem(hog, '150Mi')], ['hog', 'important']],
    ['NODE-13: a Pod within its request goes last even with a low priority', [mem(modest, '90Mi'), mem(important, '200Mi')], ['important', 'modest']],
    ['NODE-13: a Pod without stats goes first', [mem(hog, '600Mi'), { pod: modest }], ['modest', 'hog']],
  ];
  for (const [name, pods, order] of rows) {
    it(name, () => expect(rankForEviction(pods, 'memory.available').map((p) => p.metadata.name)).toEqual(order));
  }

  it('NODE-13, RES-11: disk pressure ranks by ephemeral-storage usage above the ephemeral-storage request', () => {
    const logs = pod('logs', [{ name: 'app', resources: { requests: { 'ephemeral-storage': '1Gi' } } }]);
    const scratch = pod('scratch', [{ name: 'app', resources: { requests: { 'ephemeral-storage': '5Gi' } } }]);
    const ranked = rankForEviction(
      [
        { pod: scratch, stats: { ephemeralStorage: '8Gi' } },
        { pod: logs, stats: { ephemeralStorage: '6Gi' } },
      ],
      'nodefs.available',
    );
    expect(ranked.map((p) => p.metadata.name)).toEqual(['logs', 'scratch']);
  });
});

describe('evictionMessage', () => {
  const app = pod('web', [{ name: 'app', resources: { requests: { memory: '100Mi' } } }, { name: 'sidecar', resources: { requests: { memory: '64Mi' } } }]);
  const stats: PodStats = { memory: '660Mi', containers: [{ name: 'app', memory: '629145600' }, { name: 'sidecar', memory: '60Mi' }] };

  it('NODE-13: memory pressure names the threshold and each container above its request, every sentence ending ". "', () => {
    const { message, annotations } = evictionMessage({ resource: 'memory', threshold: { quantity: '100Mi', available: '50Mi' }, pod: app, stats });
    expect(message).toBe(
      'The node was low on resource: memory. Threshold quantity: 100Mi, available: 50Mi. Container app was using 600Mi, request is 100Mi, has larger consumption of memory. ',
    );
    expect(annotations).toEqual({ offending_containers: 'app', offending_containers_usage: '600Mi', starved_resource: 'memory' });
  });

  it('RES-08: a container with no request is reported against "0"', () => {
    const be = pod('be', [{ name: 'worker' }]);
    const { message } = evictionMessage({ resource: 'memory', pod: be, stats: { containers: [{ name: 'worker', memory: '10Mi' }] } });
    expect(message).toBe('The node was low on resource: memory. Container worker was using 10Mi, request is 0, has larger consumption of memory. ');
  });

  it('RES-11: ephemeral-storage usage is the writable layer plus logs', () => {
    const p = pod('disk', [{ name: 'app', resources: { requests: { 'ephemeral-storage': '1Gi' } } }]);
    const { message } = evictionMessage({
      resource: 'ephemeral-storage',
      threshold: { quantity: '10737418400', available: '9Gi' },
      pod: p,
      stats: { containers: [{ name: 'app', rootfs: '1Gi', logs: '512Mi' }] },
    });
    expect(message).toBe(
      'The node was low on resource: ephemeral-storage. Threshold quantity: 10737418400, available: 9Gi. Container app was using 1536Mi, request is 1Gi, has larger consumption of ephemeral-storage. ',
    );
  });

  it('NODE-13: without stats only the resource sentence remains', () => {
    expect(evictionMessage({ resource: 'memory', pod: app }).message).toBe('The node was low on resource: memory. ');
  });
});

describe('localStorageEviction', () => {
  const withLimit = pod('limited', [{ name: 'app', resources: { limits: { 'ephemeral-storage': '1Gi' } } }], {
    volumes: [{ name: 'cache', emptyDir: { sizeLimit: '500Mi' } }],
  });
  const rows: [string, PodStats, string | null][] = [
    ['RES-11: within every limit, no eviction', { ephemeralStorage: '800Mi', volumes: { cache: '100Mi' }, containers: [{ name: 'app', rootfs: '200Mi', logs: '100Mi' }] }, null],
    ['RES-11: an emptyDir above its sizeLimit is checked first', { ephemeralStorage: '2Gi', volumes: { cache: '600Mi' } }, 'Usage of EmptyDir volume "cache" exceeds the limit "500Mi". '],
    ['RES-11: the Pod above the sum of its containers\' limits', { ephemeralStorage: '1100Mi', volumes: { cache: '100Mi' } }, 'Pod ephemeral local storage usage exceeds the total limit of containers 1Gi. '],
    ['RES-11: a container\'s writable layer plus logs above its limit', { ephemeralStorage: '1Gi', containers: [{ name: 'app', rootfs: '900Mi', logs: '200Mi' }] }, 'Container app exceeded its local ephemeral storage limit "1Gi". '],
  ];
  for (const [name, stats, expected] of rows) it(name, () => expect(localStorageEviction(withLimit, stats)).toBe(expected));
});
