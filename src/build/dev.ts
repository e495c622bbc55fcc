import { createServer } from "vite";
import type { ProjectOptions } from "./project.ts";
import { createViteConfig } from "./vite-config.ts";

/** Starts the dev server on 127.0.0.1 and prints its URL; resolves when it is listening. */
export async function startDevServer(options: ProjectOptions & { port?: number }): Promise<number> {
  const server = await createServer({
    ...createViteConfig(options),
    configFile: false,
    server: { host: "127.0.0.1", port: options.port ?? 5173 },
  });
  await server.listen();
  server.printUrls();
  // Keep the process alive until the user stops it.
  await new Promise<void>((resolve) => {
    process.once("SIGINT", () => server.close().then(() => resolve()));
    process.once("SIGTERM", () => server.close().then(() => resolve()));
  });
  return 0;
}
