// The AsyncAPI documents the processor wrote (the seed's and the shapes'): parsed by the AsyncAPI
// parser, and their JSON Schemas checked against what the reference mapper really writes.
import { Parser } from "@asyncapi/parser";
import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

type Document = {
  components: { messages: Record<string, { name: string; payload: object }>; schemas: Record<string, object> };
};

const read = (path: string) => JSON.parse(readFileSync(path, "utf8")) as Document;
const seed = read("target/generated-ts/seed/asyncapi.json");
const shapes = read("target/test-classes/META-INF/herald/asyncapi.json");
const samples = JSON.parse(readFileSync("target/json-samples/shapes.json", "utf8")) as {
  event: string;
  data: Record<string, unknown>;
  ts: number;
}[];

/** A validator per message name, each payload schema with the document's schemas beside it. */
function validators(document: Document): Map<string, ValidateFunction> {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const byName = new Map<string, ValidateFunction>();
  for (const message of Object.values(document.components.messages)) {
    byName.set(message.name, ajv.compile({ ...message.payload, components: { schemas: document.components.schemas } }));
  }
  return byName;
}

describe("the generated AsyncAPI documents", () => {
  it("parse without errors, and without warnings about their schemas", async () => {
    const parser = new Parser();
    for (const document of [seed, shapes]) {
      const { document: parsed, diagnostics } = await parser.parse(JSON.stringify(document));
      const errors = diagnostics.filter((d) => d.severity === 0);
      expect(errors.map((d) => `${d.path.join(".")}: ${d.message}`)).toEqual([]);
      const schemaWarnings = diagnostics.filter((d) => d.severity === 1 && d.path.includes("schemas"));
      expect(schemaWarnings.map((d) => `${d.path.join(".")}: ${d.message}`)).toEqual([]);
      expect(parsed?.allMessages().length).toBe(Object.keys(document.components.messages).length);
    }
  });

  it("have one message per event plus the control frames $resync, $resumed and $position", () => {
    const names = Object.values(seed.components.messages).map((m) => m.name);
    expect(names).toContain("fs.created");
    expect(names).toEqual(expect.arrayContaining(["$resync", "$resumed", "$position"]));
    expect(Object.keys(seed.components.messages)).toHaveLength(15 + 3);
  });

  it("accept every reference-mapper sample of every shape event", () => {
    const byName = validators(shapes);
    const failures: string[] = [];
    for (const sample of samples) {
      const validate = byName.get(sample.event)!;
      if (!validate(sample as unknown)) {
        failures.push(`${sample.event}: ${JSON.stringify(validate.errors)} in ${JSON.stringify(sample).slice(0, 300)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(new Set(samples.map((s) => s.event)).size).toBe(8);
  });

  it("reject samples with a missing field, a wrong type or an unknown enum value", () => {
    const byName = validators(seed);
    const created = { event: "fs.created", data: { AssetID: "a", Path: "/x", IsDir: false }, ts: 1 };
    expect(byName.get("fs.created")!(created)).toBe(true);
    expect(byName.get("fs.created")!({ ...created, id: "k3j9x0a2b1c-42" })).toBe(true);
    expect(byName.get("fs.created")!({ ...created, id: 42 })).toBe(false);
    expect(byName.get("$resync")!({ event: "$resync", ts: 1, reason: "trimmed" })).toBe(true);
    expect(byName.get("$resync")!({ event: "$resync", ts: 1 })).toBe(false);
    expect(byName.get("$resumed")!({ event: "$resumed", ts: 1, replayed: 3 })).toBe(true);

    const missing = { ...created, data: { AssetID: "a", Path: "/x" } };
    const wrongType = { ...created, data: { ...created.data, IsDir: "no" } };
    const wrongEvent = { ...created, event: "fs.deleted" };
    const noTs = { event: "fs.created", data: created.data };
    for (const wrong of [missing, wrongType, wrongEvent, noTs]) {
      expect(byName.get("fs.created")!(wrong), JSON.stringify(wrong)).toBe(false);
    }

    const shapesByName = validators(shapes);
    const colors = { event: "shape.optionals", data: { name: null, point: null, nullable: null, points: null, color: "PURPLE" }, ts: 1 };
    expect(shapesByName.get("shape.optionals")!(colors)).toBe(false);
    expect(shapesByName.get("shape.optionals")!({ ...colors, data: { ...colors.data, color: "verde" } })).toBe(true);
  });
});
