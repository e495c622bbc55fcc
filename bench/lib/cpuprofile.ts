/** The parts of a V8 `.cpuprofile` (as `node --cpu-prof` writes it) that are read here. */
export interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string } }>;
  samples: number[];
  /** Microseconds since the previous sample (the first: since the profile's start). */
  timeDeltas: number[];
}

/** Where sampled time was spent, by package or source folder, in milliseconds. */
export interface TimeShare {
  name: string;
  ms: number;
}

/** The owner of a function: an npm package, a factdeck source folder, Node, or V8 itself. */
export function ownerOf(url: string, functionName: string): string {
  if (!url) {
    if (functionName === "(garbage collector)") return "V8: garbage collection";
    if (functionName === "(idle)") return "idle (waiting for I/O or threads)";
    if (functionName === "(program)") return "V8: compiling and running outside JS";
    if (functionName === "(root)") return "V8: root";
    return "V8/Node built-ins";
  }
  if (url.startsWith("node:")) return "Node internals";
  const modules = url.lastIndexOf("/node_modules/");
  if (modules >= 0) {
    const parts = url.slice(modules + "/node_modules/".length).split("/");
    return parts[0]!.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  const src = /\/src\/([^/]+)\//.exec(url);
  if (src) return `factdeck src/${src[1]}`;
  if (/\/(bin|bench)\//.test(url)) return "factdeck bin/bench";
  return `other: ${url.split("/").at(-1)}`;
}

/**
 * Self time per owner. A sample's time is the gap to the next sample, as Chrome's
 * profiler counts it; owners are sorted by time, largest first.
 */
export function selfTimeByOwner(profile: CpuProfile): TimeShare[] {
  const owner = new Map<number, string>();
  for (const node of profile.nodes)
    owner.set(node.id, ownerOf(node.callFrame.url, node.callFrame.functionName));
  const totals = new Map<string, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const us = profile.timeDeltas[i + 1] ?? 0;
    const name = owner.get(profile.samples[i]!) ?? "unknown";
    totals.set(name, (totals.get(name) ?? 0) + us / 1000);
  }
  return [...totals].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms);
}
