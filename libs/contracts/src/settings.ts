/** Keys of the shared settings bucket. */
export const settingsKeys = {
  /** the open-source server's `/configure` overrides (a Mem0 config object) */
  ossConfig: 'oss-config',
} as const;
