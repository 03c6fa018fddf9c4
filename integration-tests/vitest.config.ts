import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: { "@/api": fileURLToPath(new URL("./target/generated-ts/seed", import.meta.url)) },
  },
  test: {
    include: ["src/test/ts/**/*.test.ts"],
    environment: "node",
  },
});
