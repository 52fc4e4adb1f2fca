/** PLACEHOLDER (the UI engineer replaces this file). */
export interface InteractiveOptions {
  execute(text: string, ask: (prompt: string) => Promise<string | null>): Promise<{ stdout: string; stderr: string; code: number; exit?: boolean; clear?: boolean }>;
  needsMoreInput(text: string): boolean;
  prompt(): string;
  complete(line: string, cursor: number): { start: number; candidates: string[] };
  history: string[];
  color: boolean;
  banner?: string;
  panel?(): { title: string; items: { label: string; done: boolean; indent?: number }[] } | null;
}
export async function startInteractive(_opts: InteractiveOptions): Promise<number> {
  process.stderr.write('k8s-drill: the interactive shell is not available yet; pipe lines into k8s-drill or use -c\n');
  return 1;
}
