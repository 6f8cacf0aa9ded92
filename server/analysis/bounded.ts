// A shortest-path search over the walking network that stops at a distance limit and can be run
// many times on one set of arrays: only the nodes a run touched are reset before the next one, so
// thousands of small searches (one per compound, coverage.ts) cost what they reach, not n each.
import { NodeHeap } from './access.ts';
import type { Attachments, WalkNetwork } from './walk.ts';

export class BoundedSearch {
  /** Walking distance (m) of every node settled by the last run; Infinity for every other node. */
  readonly dist: Float64Array;
  /** The nodes the last run settled, nearest first: settled[0 … count). */
  readonly settled: Uint32Array;
  count = 0;
  private readonly heap: NodeHeap;
  private readonly touched: Uint32Array;
  private nTouched = 0;
  private limit = 0;

  constructor(readonly network: WalkNetwork) {
    if (!network || !(network.offsets instanceof Uint32Array) || !(network.lengths instanceof Float64Array)) {
      throw new Error('BoundedSearch: expected a network from buildWalkNetwork');
    }
    this.dist = new Float64Array(network.n).fill(Infinity);
    this.settled = new Uint32Array(network.n);
    this.touched = new Uint32Array(network.n);
    this.heap = new NodeHeap(network.n, this.dist);
  }

  /**
   * Walks from the points att[lo … hi) at once (each enters the network at both ends of its edge,
   * connector + distance along the edge) and settles every node within limitM of the nearest.
   * A walk along a point's own edge to another point on it is not a node distance: callers add it.
   */
  run(att: Attachments, lo: number, hi: number, limitM: number): void {
    if (!(limitM >= 0) || !Number.isFinite(limitM)) throw new Error(`BoundedSearch.run: limitM must be a finite number ≥ 0, got ${limitM}`);
    if (!(lo >= 0 && hi <= att.count && lo <= hi)) throw new Error(`BoundedSearch.run: points ${lo} … ${hi} are not within the ${att.count} attachments`);
    this.reset();
    this.limit = limitM;
    for (let p = lo; p < hi; p++) {
      this.seed(att.a[p], att.connector[p] + att.da[p]);
      this.seed(att.b[p], att.connector[p] + att.db[p]);
    }
    const { offsets, targets, lengths } = this.network;
    const { dist, heap, settled, touched } = this;
    let count = 0, nTouched = this.nTouched;
    while (heap.size > 0) {
      const u = heap.pop();
      settled[count++] = u;
      const du = dist[u];
      for (let k = offsets[u], end = offsets[u + 1]; k < end; k++) {
        const v = targets[k];
        const dv = du + lengths[k];
        if (dv <= limitM && dv < dist[v]) {
          if (dist[v] === Infinity) touched[nTouched++] = v;
          heap.lower(v, dv);
        }
      }
    }
    this.count = count;
    this.nTouched = nTouched;
  }

  /** Forgets the last run: every node back to Infinity (only those it touched are written). */
  reset(): void {
    const { dist, touched } = this;
    for (let i = 0; i < this.nTouched; i++) dist[touched[i]] = Infinity;
    this.nTouched = 0;
    this.count = 0;
  }

  private seed(v: number, d: number): void {
    if (d > this.limit || !(d < this.dist[v])) return;
    if (this.dist[v] === Infinity) this.touched[this.nTouched++] = v;
    this.heap.lower(v, d);
  }
}
