/**
 * IP address syntax, for Service cluster IPs and Endpoints addresses.
 *
 * @module
 */

const OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
const IPV4 = new RegExp(`^${OCTET}(\\.${OCTET}){3}$`);

/** Whether text is an IPv4 address (no leading zeros) or an IPv6 address. */
export function isIP(text: string): boolean {
  if (IPV4.test(text)) return true;
  if (!text.includes(":") || /[^0-9a-fA-F:.]/.test(text)) return false;
  try {
    new URL(`http://[${text}]/`);
    return true;
  } catch {
    return false;
  }
}
