import { createServer } from "vite";
import type { ProjectOptions } from "../project/index.ts";
import { createViteConfig } from "./vite-config.ts";

/** Starts the dev server on 127.0.0.1 and prints its URL; resolves when it is listening. */
export async function startDevServer(options: ProjectOptions & { port?: number }): Promise<number> {
  const config = createViteConfig(options);
  const server = await createServer({
    ...config,
    configFile: false,
    server: { ...config.server, port: options.port ?? 5173 },
  });
  await server.listen();
  const url = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${options.port ?? 5173}/`;
  process.stdout.write(
    `factdeck dev server: ${url}\nEditing a slide, the data or a theme updates the open deck. Press Ctrl+C to stop.\n`,
  );
  // Keep the process alive until the user stops it.
  await new Promise<void>((resolve) => {
    process.once("SIGINT", () => server.close().then(() => resolve()));
    process.once("SIGTERM", () => server.close().then(() => resolve()));
  });
  return 0;
}
