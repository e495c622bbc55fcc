import path from "node:path";
import { describe, expect, it } from "vitest";
import { createRenderLoop, isRenderInput, type Published } from "../../src/build/watch.ts";

// A file on "disk" that renders read, and renders the test finishes when it chooses.
function setup(quietMs = 20) {
  let disk = "v0";
  let running = 0;
  let mostAtOnce = 0;
  const reads: string[] = [];
  const holds: Array<() => void> = [];
  let holding = false;
  const published: Published<string>[] = [];
  const loop = createRenderLoop<string>({
    quietMs,
    async render() {
      running++;
      mostAtOnce = Math.max(mostAtOnce, running);
      const read = disk;
      reads.push(read);
      if (holding) await new Promise<void>((resolve) => holds.push(resolve));
      running--;
      if (read === "throw") throw new Error("boom");
      return read;
    },
    recover: (error) => `recovered: ${(error as Error).message}`,
    publish: (p) => published.push(p),
  });
  return {
    loop,
    published,
    reads,
    save(content: string) {
      disk = content;
      loop.changed();
    },
    hold: () => {
      holding = true;
    },
    release() {
      holding = false;
      for (const resolve of holds.splice(0)) resolve();
    },
    holds,
    mostAtOnce: () => mostAtOnce,
  };
}

const until = async (ok: () => boolean) => {
  await expect.poll(ok, { timeout: 10_000, interval: 5 }).toBe(true);
};

describe("the dev server's render loop", () => {
  it("renders once for a burst of saves, from the last one", async () => {
    const t = setup();
    for (const v of ["v1", "", "v2", "broken", "v3"]) t.save(v);
    const settled = await t.loop.settled();
    expect(settled.result).toBe("v3");
    expect(t.reads).toEqual(["v3"]);
    expect(t.published.map((p) => p.result)).toEqual(["v3"]);
  });

  it("drops a render whose files changed while it ran, and renders them again", async () => {
    const t = setup();
    t.hold();
    t.save("half");
    await until(() => t.holds.length === 1);
    t.save("whole");
    t.release();
    const settled = await t.loop.settled();
    expect(settled.result).toBe("whole");
    // The render of the half-saved file ended, but nothing of it was shown.
    expect(t.reads).toEqual(["half", "whole"]);
    expect(t.published.map((p) => p.result)).toEqual(["whole"]);
    expect(t.mostAtOnce()).toBe(1);
  });

  it("runs one render at a time and publishes in order of generation", async () => {
    const t = setup(1);
    t.hold();
    t.save("a");
    await until(() => t.holds.length === 1);
    t.release();
    await t.loop.settled();
    for (const v of ["b", "c", "d"]) {
      t.hold();
      t.save(v);
      await until(() => t.holds.length === 1);
      // A save while a render runs waits for it: still one render at a time.
      t.save(`${v}2`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(t.holds.length).toBe(1);
      t.release();
      await t.loop.settled();
    }
    expect(t.mostAtOnce()).toBe(1);
    expect(t.published.map((p) => p.result)).toEqual(["a", "b2", "c2", "d2"]);
    const generations = t.published.map((p) => p.generation);
    expect(generations).toEqual([...generations].sort((x, y) => x - y));
  });

  it("renders on the first request when nothing was rendered yet, once for many requests", async () => {
    const t = setup();
    const [a, b] = await Promise.all([t.loop.settled(), t.loop.settled()]);
    expect(a).toEqual({ result: "v0", generation: 1 });
    expect(b).toBe(a);
    expect(t.reads).toEqual(["v0"]);
  });

  it("turns a render that threw into a result, so that waiting requests get an answer", async () => {
    const t = setup();
    t.save("throw");
    expect((await t.loop.settled()).result).toBe("recovered: boom");
    t.save("fixed");
    expect((await t.loop.settled()).result).toBe("fixed");
  });

  it("publishes nothing after it is closed", async () => {
    const t = setup();
    t.hold();
    t.save("late");
    await until(() => t.holds.length === 1);
    t.loop.close();
    t.release();
    t.save("later");
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(t.published).toEqual([]);
  });
});

describe("which file events call for a render", () => {
  const root = path.join(path.sep, "p");
  const paths = {
    slides: path.join(root, "slides"),
    data: path.join(root, "data"),
    themes: path.join(root, "themes"),
  };
  it("slides and data, and a theme that appears or disappears", () => {
    expect(isRenderInput(paths, "change", path.join(root, "slides", "mini", "facts.mdx"))).toBe(
      true,
    );
    expect(isRenderInput(paths, "unlink", path.join(root, "data", "mini.yaml"))).toBe(true);
    expect(isRenderInput(paths, "add", path.join(root, "themes", "new.css"))).toBe(true);
    expect(isRenderInput(paths, "unlink", path.join(root, "themes", "federal.css"))).toBe(true);
  });
  it("not a theme's content (Vite restyles in place), nor folders that only share a prefix", () => {
    expect(isRenderInput(paths, "change", path.join(root, "themes", "federal.css"))).toBe(false);
    expect(isRenderInput(paths, "change", path.join(root, "data-old", "mini.yaml"))).toBe(false);
    expect(isRenderInput(paths, "change", path.join(root, "dist", "index.html"))).toBe(false);
  });
});
