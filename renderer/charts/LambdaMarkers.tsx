/**
 * The λ markers as a thin layer inside a memoized log-λ chart: a λ step re-renders only this
 * (it reads the selected index from context), never the lines and error bars underneath.
 */
import { createContext, type ReactNode, useContext } from 'react';
import { usePlotArea, useXAxisScale } from 'recharts';

/** The selected λ index, provided above the memoized charts. */
export const SelectedLambda = createContext(0);

interface Props {
  /** log λ at each λ index. */
  logLambda: number[];
  lambdaMinIndex?: number | undefined;
  lambda1seIndex?: number | undefined;
  /**
   * The λ the information criteria choose (λ_AIC, λ_BIC, λ_EBIC), those at one λ together
   * ("λ_AIC = λ_BIC"); a stable array (useMemo) so the memoized chart is not redrawn.
   */
  criteriaMarks?: readonly CriterionMark[] | undefined;
}

export interface CriterionMark {
  index: number;
  label: string;
}

const LABEL = { fontSize: 11, fill: 'var(--chart-marker-soft)' };
/** Width a marker label needs beside its line ("λ_min" at 11px), px. */
const LABEL_ROOM = 38;

/**
 * A dashed vertical line over the plot and its label, 4px to the line's right (anchor
 * 'start') or left ('end'): the one shape of λ_min's, λ_1se's and the criteria's markers.
 */
function LabelledLine({
  x,
  top,
  bottom,
  stroke,
  dash,
  labelY,
  anchor,
  children,
}: {
  x: number;
  top: number;
  bottom: number;
  stroke: string;
  dash: string;
  labelY: number;
  anchor: 'start' | 'end';
  children: ReactNode;
}) {
  return (
    <>
      <line x1={x} x2={x} y1={top} y2={bottom} stroke={stroke} strokeDasharray={dash} />
      <text x={anchor === 'start' ? x + 4 : x - 4} y={labelY} {...LABEL} textAnchor={anchor}>
        {children}
      </text>
    </>
  );
}

export function LambdaMarkers({ logLambda, lambdaMinIndex, lambda1seIndex, criteriaMarks }: Props) {
  const selected = useContext(SelectedLambda);
  const scale = useXAxisScale();
  const area = usePlotArea();
  if (!scale || !area) return null;
  const xAt = (index: number | undefined) => {
    const value = index === undefined ? undefined : logLambda[index];
    return value === undefined ? undefined : scale(value);
  };
  const top = area.y;
  const bottom = area.y + area.height;
  const xMin = xAt(lambdaMinIndex);
  const x1se = xAt(lambda1seIndex);
  const xSelected = xAt(selected);
  const same = lambdaMinIndex === lambda1seIndex;
  // λ_1se is the larger λ, so right of λ_min: its label goes right of its line, λ_min's left
  // of its own and one row lower, so the two never overlap however close the lines are. At
  // the plot's edge a label turns to the inside (λ_min at the smallest λ, λ_1se at the
  // largest), so it never leaves the plot (where the path chart's end labels are).
  const right = area.x + area.width;
  const minInside = xMin !== undefined && xMin - area.x < LABEL_ROOM;
  const oneSeInside = x1se !== undefined && right - x1se < LABEL_ROOM * (same ? 2 : 1);
  return (
    <g className="lambda-markers" pointerEvents="none">
      {x1se !== undefined && (
        <LabelledLine
          x={x1se}
          top={top}
          bottom={bottom}
          stroke="var(--chart-marker-soft)"
          dash="4 3"
          labelY={top + 11}
          anchor={oneSeInside ? 'end' : 'start'}
        >
          {same ? 'λ_min = λ_1se' : 'λ_1se'}
        </LabelledLine>
      )}
      {xMin !== undefined && !same && (
        <LabelledLine
          x={xMin}
          top={top}
          bottom={bottom}
          stroke="var(--chart-reference)"
          dash="2 3"
          labelY={top + 24}
          anchor={minInside ? 'start' : 'end'}
        >
          λ_min
        </LabelledLine>
      )}
      {/* The criteria's choices: dotted, labelled a row below λ_min's, turned inside at the edges. */}
      {criteriaMarks?.map((mark) => {
        const x = xAt(mark.index);
        if (x === undefined) return null;
        const room = mark.label.length * 6;
        const inside = right - x < room;
        return (
          <g key={mark.index} className="criterion-marker" data-label={mark.label}>
            <LabelledLine
              x={x}
              top={top}
              bottom={bottom}
              stroke="var(--chart-marker-soft)"
              dash="1 3"
              labelY={bottom - 6}
              anchor={inside ? 'end' : 'start'}
            >
              {mark.label}
            </LabelledLine>
          </g>
        );
      })}
      {xSelected !== undefined && (
        <line
          className="lambda-selected"
          x1={xSelected}
          x2={xSelected}
          y1={top}
          y2={bottom}
          stroke="var(--chart-marker)"
          strokeWidth={1.5}
        />
      )}
    </g>
  );
}
