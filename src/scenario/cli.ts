/** PLACEHOLDER until the scenario runner lands. */
export async function scenarioMain(
  command: 'practice' | 'grade' | 'test' | 'list',
  _args: string[],
  opts: { stateDir: string; color: boolean; stdout: NodeJS.WriteStream; stderr: NodeJS.WriteStream },
): Promise<number> {
  opts.stderr.write(`k8s-drill: '${command}' is not available yet\n`);
  return 1;
}
