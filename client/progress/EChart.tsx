// One echarts chart in a React element: built once, then given each new option whole (notMerge),
// resized with its box, disposed with the element. Only the parts the 进度 charts use are bundled
// (tree-shaken imports from echarts/core); the SVG renderer keeps text crisp on screen and in print.
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, type BarSeriesOption } from 'echarts/charts';
import {
  GridComponent, LegendComponent, TooltipComponent,
  type GridComponentOption, type LegendComponentOption, type TooltipComponentOption,
} from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { CSS_FONT_FAMILY } from '../map/fonts.ts';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export type ChartOption = echarts.ComposeOption<BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

/** What a click on a bar tells: its category (y or x axis label) and its series. */
export interface ChartClick { category: string; series: string; dataIndex: number }

declare global {
  interface Window {
    /** For browser tests: the 进度 charts by name, to find where a bar is drawn. */
    __lianpianCharts?: Record<string, echarts.EChartsType>;
  }
}

interface Props {
  name: string;
  option: ChartOption;
  height: number | string;
  onClick?(c: ChartClick): void;
  className?: string;
  label: string;
}

export function EChart({ name, option, height, onClick, className, label }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.EChartsType | null>(null);
  const click = useRef(onClick);
  click.current = onClick;

  useEffect(() => {
    const c = echarts.init(box.current!, null, { renderer: 'svg' });
    chart.current = c;
    c.on('click', (p) => {
      const params = p as { name?: string; seriesName?: string; dataIndex?: number };
      click.current?.({ category: String(params.name ?? ''), series: String(params.seriesName ?? ''), dataIndex: params.dataIndex ?? -1 });
    });
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(box.current!);
    window.__lianpianCharts = { ...window.__lianpianCharts, [name]: c };
    return () => {
      ro.disconnect();
      if (window.__lianpianCharts?.[name] === c) delete window.__lianpianCharts[name];
      c.dispose();
      chart.current = null;
    };
  }, [name]);

  useEffect(() => {
    chart.current?.setOption({ textStyle: { fontFamily: CSS_FONT_FAMILY }, ...option }, { notMerge: true });
  }, [option]);

  return <div ref={box} className={className} style={{ height }} role="img" aria-label={label} data-testid={`chart-${name}`} />;
}
