/** What the signing dialog needs of any document's preview: the exact bytes signed, their digest, and whether to ask for the passphrase. */
export interface SignablePreview {
  canonicalJson: string;
  digest: string;
  passphraseRequired: boolean;
}
