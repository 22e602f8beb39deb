/** A Slack channel reference found in the text. */
export interface ChannelRef {
  id?: string;
  name?: string;
}

interface UnwrappedText {
  /** The text with mentions removed, links and channel references unwrapped, entities decoded. */
  text: string;
  /** Channel references given as `<#C123|name>` or `<#C123>`, in order. */
  channels: ChannelRef[];
}

const ENTITIES: Readonly<Record<string, string>> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };

/**
 * Undo Slack's message formatting so the words are what the person typed: user and group mentions
 * go (they address people, not resources), `<#C123|name>` becomes `#name` and is remembered with its
 * id, `<s3://bucket/key>` and `<url|label>` are unwrapped.
 */
export function unwrapSlackText(raw: string): UnwrappedText {
  const channels: ChannelRef[] = [];
  const text = raw
    .replace(/<([^<>\n]{1,2000})>/g, (_whole, inner: string) => {
      if (inner.startsWith("@")) return " ";
      if (inner.startsWith("!")) return " ";
      if (inner.startsWith("#")) {
        const [id, name] = inner.slice(1).split("|", 2);
        const ref: ChannelRef = {};
        if (id) ref.id = id;
        if (name) ref.name = name;
        channels.push(ref);
        return name ? ` #${name} ` : " ";
      }
      const [target, label] = inner.split("|", 2);
      if (target === undefined) return " ";
      // An S3 location is the useful part of the link; for web links the label carries the meaning.
      if (target.startsWith("s3://") || label === undefined || label === "") return target;
      return label;
    })
    .replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity);
  return { text, channels };
}
