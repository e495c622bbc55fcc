import { defineConfig } from "vite";
import { createViteConfig } from "./src/build/vite-config.ts";

// The CLI (`npm run build`, `npm run dev`) uses the same config; this file lets plain `vite` work too.
export default defineConfig(createViteConfig());
