/**
 * How 三公 statements name the official-vehicle items, for every reader of them (the 三公 tables and sentences,
 * the disclosure's narrative): who (公务用车, 公车 …), the purchase part, the running part (运行, 运转, 运维 …). The
 * subtotal names both its parts, in either order and with the vehicle word repeated or not (公务用车购置及运行费,
 * 公务用车运行维护费及公务用车购置费, 车辆运转费和购置费), or is 公务用车费.
 */
const VEH = "(?:公务用车|公车|公务车辆|公务车|车辆)";
const RUN = "(?:运行|运转|运营)(?:及维护|维护|维修)?|运维";
const FEE = "(?:费用|费|支出|经费)";
const AND = "(?:及|和|与|以及)";

/** The vehicle subtotal (purchase and running together). */
export const VEHICLE_SUBTOTAL = [
  `${VEH}(?:购置)?${FEE}?${AND}(?:其)?${VEH}?(?:${RUN})${FEE}?`,
  `${VEH}(?:${RUN})${FEE}?${AND}(?:其)?${VEH}?购置${FEE}?`,
  `${VEH}购置(?:${RUN})${FEE}?`,
  "公务用车费",
].join("|");

/** The purchase alone (not the start of a subtotal's label). */
export const VEHICLE_PURCHASE = `(?:公务用车|公车|公务车辆|车辆)购置${FEE}?(?![及和与])`;

/** The running costs alone, with the vehicle word; `RUNNING_WORD` for the bare 运行维护费 of a statement's table. */
export const VEHICLE_RUNNING = `(?:公务用车|公车|公务车辆|公务车)(?:${RUN})${FEE}?`;
export const RUNNING_WORD = "(?:运行|运转)(?:维护)?";
