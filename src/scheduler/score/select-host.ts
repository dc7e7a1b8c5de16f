// selectHost (pkg/scheduler/schedule_one.go, SCHED-02): the node with the highest total wins; ties are broken
// by reservoir sampling — walking the list, the k-th node seen with the current best total replaces the pick
// with probability 1/k — so every tied node is chosen with probability 1/(number tied). Kubernetes draws from
// math/rand; kubemodel draws from mulberry32 seeded by the caller, so a seed replays the same choice.
// (Since 1.27 Kubernetes walks a max-heap instead of the list; the distribution is the same, the order of
// draws differs, so a given seed does not reproduce a given kube-scheduler run.)

/** mulberry32: a 32-bit state PRNG giving floats in [0, 1); small, fast and good enough for tie-breaking. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The chosen node's name; throws on an empty list, as Kubernetes returns "empty priorityList". */
export function selectHost(scored: readonly { readonly node: string; readonly total: number }[], seed: number): string {
  const [first, ...rest] = scored;
  if (first === undefined) throw new Error('empty priorityList');
  const random = mulberry32(seed);
  let selected = first.node;
  let max = first.total;
  let tied = 1;
  for (const s of rest) {
    if (s.total > max) {
      [selected, max, tied] = [s.node, s.total, 1];
    } else if (s.total === max) {
      tied += 1;
      if (Math.floor(random() * tied) === 0) selected = s.node;
    }
  }
  return selected;
}
