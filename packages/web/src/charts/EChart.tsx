import type { ECElementEvent, EChartsCoreOption } from "echarts/core";
import { type CSSProperties, useEffect, useRef } from "react";
import { usePrefersReducedMotion } from "../lib/reducedMotion.ts";
import { echarts } from "./echarts.ts";

interface Props {
  option: EChartsCoreOption;
  style?: CSSProperties;
  /** Clicking a chart element (a bar, a slice). */
  onClick?: (e: ECElementEvent) => void;
  testId?: string;
}

/** One ECharts instance bound to a div; resized with its container, disposed on unmount. */
export function EChart({ option, style, onClick, testId }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onClick);
  click.current = onClick;
  // less motion asked for (lib/reducedMotion.ts): the chart is drawn at once, not grown
  const still = usePrefersReducedMotion();

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const c = echarts.init(el, undefined, { renderer: "canvas" });
    chart.current = c;
    c.on("click", (e) => click.current?.(e as ECElementEvent));
    // drawn, its animation ended: what a screenshot or a click on the chart waits for (data-drawn)
    c.on("finished", () => {
      el.dataset.drawn = "true";
    });
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (ref.current) ref.current.dataset.drawn = "false";
    chart.current?.setOption(still ? { ...option, animation: false } : option, { notMerge: true });
  }, [option, still]);

  return <div ref={ref} style={{ width: "100%", height: 320, ...style }} data-testid={testId} />;
}
