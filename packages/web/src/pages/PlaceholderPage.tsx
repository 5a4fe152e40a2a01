import { Card, Empty, Typography } from "antd";
import { type MessageKey, useI18n } from "../i18n.tsx";

/** A page whose work is not built yet: says so plainly. */
export default function PlaceholderPage({ title }: { title: MessageKey }) {
  const { t } = useI18n();
  return (
    <Card>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t(title)}
      </Typography.Title>
      <Empty description={t("common.comingSoon")} />
    </Card>
  );
}
