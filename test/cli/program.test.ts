import { describe, expect, it } from 'vitest';
import { COMMANDS, buildLightProgram, buildProgram } from '../../src/cli/program.js';

describe('the light program (top-level help without loading any command)', () => {
  it('prints exactly the help of the program with every command registered by its module', async () => {
    const full = await buildProgram();
    expect(full.commands.map((c) => c.name())).toEqual(COMMANDS.map((c) => c.name));
    expect(buildLightProgram().helpInformation()).toBe(full.helpInformation());
  });
});
