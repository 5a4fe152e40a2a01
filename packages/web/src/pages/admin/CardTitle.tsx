import { Typography } from "antd";
import type { ReactNode } from "react";

/** An administration card's title: what the card is, then in grey who may do what there. */
export function CardTitle({ title, hint }: { title: string; hint: ReactNode }) {
  return (
    <Typography.Title level={5} style={{ margin: 0 }}>
      {title}{" "}
      <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 400 }}>
        {hint}
      </Typography.Text>
    </Typography.Title>
  );
}
