import { Button, Result } from "antd";
import { Link } from "react-router-dom";
import { useI18n } from "../i18n.tsx";

/** Also what a foreign organisation's record shows: the app never says "exists but forbidden". */
export default function NotFoundPage() {
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title={t("notFound.title")}
      subTitle={t("notFound.text")}
      extra={
        <Link to="/">
          <Button type="primary">{t("notFound.back")}</Button>
        </Link>
      }
    />
  );
}
