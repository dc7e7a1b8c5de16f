// The few typed errors of kubemodel. Library code throws them; only the CLI edge maps them to exit codes
// (InputError, RuleError and MachineError are bad input: exit 2).

/** A rule file is malformed: unknown operation, impossible `var` path, failing example. */
export class RuleError extends Error {
  override readonly name = 'RuleError';
  constructor(
    readonly ruleId: string,
    readonly jsonPath: string,
    message: string,
    readonly file?: string,
  ) {
    super(message);
  }
}

/** A machine definition uses something the interpreter cannot run or is inconsistent. */
export class MachineError extends Error {
  override readonly name = 'MachineError';
  constructor(
    readonly machineId: string,
    readonly stateId: string,
    message: string,
  ) {
    super(message);
  }
}

/** User input (a manifest, a model file, a flag value) is wrong; file/line/column locate it when known. */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
    readonly column?: number,
    /** The object the error is about, as kubectl names it: `PersistentVolumeClaim "data"`. */
    readonly subject?: string,
  ) {
    super(message);
  }

  /** `file:line:col: message`, the one-line form the CLI prints. */
  get located(): string {
    const where = [this.file, this.line, this.column].filter((p) => p !== undefined).join(':');
    return where ? `${where}: ${this.message}` : this.message;
  }

  /** What the CLI prints: the located message, naming the object after the position when known. */
  get reported(): string {
    if (this.subject === undefined) return this.located;
    const where = [this.file, this.line, this.column].filter((p) => p !== undefined).join(':');
    return where ? `${where}: ${this.subject}: ${this.message}` : `${this.subject}: ${this.message}`;
  }
}
