import path from "node:path";

/** A render result and the number of the render that made it (1, 2, …; 0 for a prerender). */
export interface Published<T> {
  result: T;
  generation: number;
}

/** How the dev server renders again after file changes. */
export interface RenderLoopOptions<T> {
  /** Renders from the files as they are on disk when it is called; should not reject. */
  render: () => Promise<T>;
  /** Turns a rejected render (a bug) into a result, so that waiting page loads get an answer. */
  recover: (error: unknown) => T;
  /** Shows a result; called in generation order and never for a superseded render. */
  publish: (published: Published<T>) => void;
  /** Quiet time after the last file event before a render starts; default 80 ms. */
  quietMs?: number;
  /** A result rendered before the loop started (generation 0). */
  initial?: T;
}

/** One render at a time, after file events have settled, publishing only the newest state. */
export interface RenderLoop<T> {
  /** Notes that an input file changed: a render follows once events have been quiet. */
  changed(): void;
  /** The newest result once no render is due or running; renders first when there is none. */
  settled(): Promise<Published<T>>;
  /** The newest published result, if any. */
  latest(): Published<T> | undefined;
  /** Stops: a pending render is cancelled and a running one's result is dropped. */
  close(): void;
}

// Editors save in several steps (truncate, then write; write a temporary file, then rename),
// so an event says only that something changed: wait for quiet, render from disk, and drop a
// render whose files changed while it ran, so that the last thing published is the files now.
/** Creates the dev server's render loop; quiet period 80 ms unless `quietMs` says otherwise. */
export function createRenderLoop<T>(options: RenderLoopOptions<T>): RenderLoop<T> {
  const quietMs = options.quietMs ?? 80;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  // Files changed after the running render started reading them.
  let dirty = false;
  let closed = false;
  let started = 0;
  let latest: Published<T> | undefined =
    options.initial === undefined ? undefined : { result: options.initial, generation: 0 };
  let waiters: Array<(published: Published<T>) => void> = [];

  const idle = () => timer === undefined && !running;

  const schedule = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      // A running render sees `dirty` when it ends and starts the next one itself.
      if (!running) void run();
    }, quietMs);
    timer.unref?.();
  };

  const run = async () => {
    running = true;
    dirty = false;
    const generation = ++started;
    let result: T;
    try {
      result = await options.render();
    } catch (error) {
      result = options.recover(error);
    }
    running = false;
    if (closed) return;
    if (dirty) {
      // It may have read a half-saved file: show nothing of it, render again.
      if (timer === undefined) void run();
      return;
    }
    // One render at a time makes this hold already; the guard keeps it true if that changes.
    if (latest && generation <= latest.generation) return;
    latest = { result, generation };
    options.publish(latest);
    if (!idle()) return;
    const ready = waiters;
    waiters = [];
    for (const resolve of ready) resolve(latest);
  };

  return {
    changed() {
      if (closed) return;
      if (running) dirty = true;
      schedule();
    },
    settled() {
      if (latest && idle()) return Promise.resolve(latest);
      const pending = new Promise<Published<T>>((resolve) => waiters.push(resolve));
      if (!closed && idle()) void run();
      return pending;
    },
    latest: () => latest,
    close() {
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  };
}

/** The folders of a project whose files a render reads. */
export interface WatchedPaths {
  slides: string;
  data: string;
  themes: string;
}

// A theme's content reaches the page through Vite's own CSS update; only its name is rendered.
/** True when a watcher event can change a render: slides/, data/, a theme added or removed. */
export function isRenderInput(paths: WatchedPaths, event: string, file: string): boolean {
  const inside = (dir: string) => file === dir || file.startsWith(dir + path.sep);
  if (inside(paths.slides) || inside(paths.data)) return true;
  return inside(paths.themes) && event !== "change";
}
