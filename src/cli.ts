export async function main(argv: string[]): Promise<number> {
  console.log('hangar', argv.join(' '));
  return 0;
}
