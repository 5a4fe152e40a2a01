import { Button, Col, Empty, Form, Row } from "antd";
import { useI18n } from "../../i18n.tsx";
import { MoneyField, type SectionProps, TextField, TotalCheck } from "./fields.tsx";
import { type AssetsDraft, emptyAssets, totalOf } from "./model.ts";

/** 资产: buildings, vehicles and other assets in 万元 with the stated total checked, the vehicle count and area. */
export function AssetsSection({ d, editable, set }: SectionProps) {
  const { lang } = useI18n();
  const zh = lang === "zh";
  const as = d.assets;
  if (!as) {
    return (
      <Empty description={zh ? "未填资产" : "No asset figures"}>
        {editable && (
          <Button data-testid="add-assets" onClick={() => set("assets", emptyAssets())}>
            {zh ? "填写资产" : "Fill in the assets"}
          </Button>
        )}
      </Empty>
    );
  }
  const setAs = (k: keyof AssetsDraft, v: string) => set("assets", { ...as, [k]: v });
  const amounts = [
    ["buildings", zh ? "房屋（万元）" : "Buildings (万元)"],
    ["vehicles", zh ? "车辆（万元）" : "Vehicles (万元)"],
    ["other", zh ? "其他（万元）" : "Other (万元)"],
    ["statedTotal", zh ? "资产合计（填报，万元）" : "Stated total (万元)"],
  ] as const;
  const counts = [
    ["vehicleCount", zh ? "车辆数" : "Vehicle count"],
    ["buildingArea", zh ? "房屋面积（平方米）" : "Building area (m²)"],
  ] as const;
  return (
    <div data-testid="assets">
      <Form layout="vertical" size="small">
        <Row gutter={12}>
          {amounts.map(([k, label]) => (
            <Col span={6} key={k}>
              <MoneyField
                label={label}
                value={as[k]}
                editable={editable}
                testId={`assets-${k}`}
                onChange={(v) => setAs(k, v)}
              />
            </Col>
          ))}
          {counts.map(([k, label]) => (
            <Col span={6} key={k}>
              <TextField label={label} value={as[k]} editable={editable} onChange={(v) => setAs(k, v)} />
            </Col>
          ))}
        </Row>
      </Form>
      <TotalCheck
        v={totalOf(as.statedTotal, [as.buildings, as.vehicles, as.other])}
        testId="assets-check"
        what={zh ? "国有资产合计" : "Asset total"}
      />
    </div>
  );
}
