import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: { "@/events": fileURLToPath(new URL("./target/generated-ts", import.meta.url)) },
  },
  test: {
    include: ["web/**/*.test.ts"],
    environment: "node",
  },
});
