// The generated TanStack Query hooks (event_query.ts, option herald.ts.tanstack=true) as a
// frontend on TanStack Query uses them. tsc --strict must accept every line and reject each line
// marked as an expected error.

import { useInvalidateOnEvents, useInvalidateOnShapeChange } from "@/shapes/event_query";

export function useShapeQueries(id: string): void {
  useInvalidateOnEvents(
    {
      "shape.scalars": (data) => [["scalars", data.id]],
      "shape.maps": [["maps"], ["everything", "maps"]],
    },
    { delay: 50 },
  );
  useInvalidateOnShapeChange(["shapes", id]);

  useInvalidateOnEvents({
    // @ts-expect-error: not an event name
    "shape.nothing": [["x"]],
  });
  useInvalidateOnEvents({
    // @ts-expect-error: ShapesScalars has no field `missing`
    "shape.scalars": (data) => [["scalars", data.missing]],
  });
  // @ts-expect-error: a query key is an array
  useInvalidateOnShapeChange("shapes");
}
