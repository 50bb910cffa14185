// How large a hand-written YAML file may be, known without loading a YAML parser.

/** A large cap: banks and answer files are hand-written, never megabytes. */
export const MAX_YAML_BYTES = 1024 * 1024;
