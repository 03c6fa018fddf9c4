import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

// No React plugin: esbuild compiles the TSX; hot reload is not needed for the demo.
export default defineConfig({
  resolve: {
    alias: { "@/api": fileURLToPath(new URL("./src/api", import.meta.url)) },
  },
  esbuild: { jsx: "automatic" },
  build: { chunkSizeWarningLimit: 1000 },
});
