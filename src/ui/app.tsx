/**
 * The ink view: finished output goes through <Static> (printed once, then it scrolls like a terminal); only the
 * goal panel and the live prompt are redrawn.
 */
import { Box, Static, Text, useCursor, useStdout } from 'ink';
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { OutputItem, PanelData, ShellController } from './controller.js';
import { layoutOutput, layoutPrompt } from './layout.js';

function useColumns(): number {
  const { stdout } = useStdout();
  const [cols, setCols] = useState(stdout.columns || 80);
  useEffect(() => {
    const onResize = () => setCols(stdout.columns || 80);
    stdout.on('resize', onResize);
    return () => void stdout.off('resize', onResize);
  }, [stdout]);
  return cols;
}

function Item({ item, width, color }: { item: OutputItem; width: number; color: boolean }) {
  const text = layoutOutput(item.text, width) || ' ';
  if (item.kind === 'err' && color) return <Text color="red">{text}</Text>;
  return <Text>{text}</Text>;
}

/** Height of the panel in rows (border, title, one row per item): the prompt's cursor sits below it. */
export function panelHeight(panel: PanelData | null): number {
  return panel ? panel.items.length + 3 : 0;
}

export function Panel({ panel, width, color }: { panel: PanelData; width: number; color: boolean }) {
  const inner = Math.max(10, Math.min(width, 80) - 4);
  const cut = (s: string) => (s.length > inner ? s.slice(0, inner - 1) + '…' : s);
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={color ? 'cyan' : undefined} paddingX={1} alignSelf="flex-start">
      <Text bold={color}>{cut(panel.title)}</Text>
      {panel.items.map((it, i) => {
        const line = cut(`${'  '.repeat(it.indent ?? 0)}${it.done ? '✔' : '☐'} ${it.label}`);
        return (
          <Text key={i} color={color ? (it.done ? 'green' : undefined) : undefined}>
            {line}
          </Text>
        );
      })}
    </Box>
  );
}

export function App({ controller, color }: { controller: ShellController; color: boolean }) {
  const view = useSyncExternalStore(controller.subscribe, controller.getSnapshot);
  const width = useColumns();
  const { setCursorPosition } = useCursor();
  controller.width = width;
  const showPrompt = !view.busy && !view.done;
  const layout = layoutPrompt(view.prompt, view.editor.buffer, view.editor.cursor, width);
  const top = view.panel && !view.done ? panelHeight(view.panel) : 0;
  setCursorPosition(showPrompt ? { x: layout.cursor.x, y: top + layout.cursor.y } : undefined);
  return (
    <>
      <Static items={view.items}>{(item) => <Item key={item.id} item={item} width={width} color={color} />}</Static>
      {view.panel && !view.done ? <Panel panel={view.panel} width={width} color={color} /> : null}
      {showPrompt ? <Text>{layout.rows.join('\n')}</Text> : null}
    </>
  );
}
