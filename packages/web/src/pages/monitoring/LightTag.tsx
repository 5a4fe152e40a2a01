import { Tag } from "antd";
import type { Light } from "./api.ts";

const COLOR: Record<Light, string> = { green: "green", yellow: "gold", red: "red" };
const TEXT: Record<Light, [string, string]> = {
  green: ["绿灯", "Green"],
  yellow: ["黄灯", "Yellow"],
  red: ["红灯", "Red"],
};

/** A traffic light (预警) as a coloured tag; `data-light` carries the colour for tests and styles. */
export function LightTag({ light, zh, testId = "light" }: { light: Light; zh: boolean; testId?: string }) {
  return (
    <Tag color={COLOR[light]} data-testid={testId} data-light={light}>
      ● {TEXT[light][zh ? 0 : 1]}
    </Tag>
  );
}
