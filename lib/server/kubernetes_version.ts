/** The Kubernetes version kclone speaks, as `/version` reports it. */
export const KUBERNETES_VERSION: { major: string; minor: string; patch: string } = {
  major: "1",
  minor: "32",
  patch: "0",
};
