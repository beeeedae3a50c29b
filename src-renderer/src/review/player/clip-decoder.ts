/**
 * Frame-exact decoding of one clip with WebCodecs, through mediabunny's demuxer.
 *
 * Why not <video>: a media element shows "some frame near currentTime", decodes on its own schedule
 * and reports the time it was asked for; requestVideoFrameCallback tells which frame was presented
 * only after the fact, and seeking to a frame boundary lands on either neighbour. Here the frame is
 * chosen by our time model (src-shared/review/frames.ts) and the decoder is asked for exactly that
 * packet: the picture drawn is frame i by construction, and the label shows the index of the frame we
 * drew. The review proxy is all-intra, so any frame decodes from its own packet; other clips decode
 * from the preceding key frame (slower, still exact).
 */
import {
  ALL_FORMATS,
  EncodedPacketSink,
  Input,
  UrlSource,
  type EncodedPacket,
  type InputVideoTrack,
} from 'mediabunny';
import { frameTable, type FrameTable } from '../../../../src-shared/review/frames';

interface PacketInfo {
  /** Presentation timestamp, microseconds (what VideoFrame.timestamp carries back). */
  readonly us: number;
  readonly seconds: number;
  readonly key: boolean;
  /** Position in decode order. */
  readonly order: number;
}

export interface ClipInfo {
  readonly table: FrameTable;
  readonly width: number;
  readonly height: number;
  readonly codec: string;
  /** Every packet a key frame: one decode per frame, random access in constant time. */
  readonly allIntra: boolean;
}

export class ClipDecoder {
  private decoder: VideoDecoder | undefined;
  private readonly outputs = new Map<number, VideoFrame>();
  private failure: Error | undefined;
  private closed = false;

  private constructor(
    private readonly input: Input,
    private readonly sink: EncodedPacketSink,
    private readonly config: VideoDecoderConfig,
    /** Packets in presentation order: index i is frame i. */
    private readonly packets: readonly PacketInfo[],
    /** Packets in decode order. */
    private readonly decodeOrder: readonly PacketInfo[],
    readonly info: ClipInfo,
  ) {}

  static async open(url: string): Promise<ClipDecoder> {
    const input = new Input({ source: new UrlSource(url), formats: ALL_FORMATS });
    try {
      const track: InputVideoTrack | null = await input.getPrimaryVideoTrack();
      if (!track) throw new Error('The file has no video track.');
      if (!(await track.canDecode()))
        throw new Error(`This video's codec (${track.codec ?? 'unknown'}) cannot be decoded here.`);
      const config = await track.getDecoderConfig();
      if (!config) throw new Error('The video track has no decoder configuration.');
      const sink = new EncodedPacketSink(track);
      const decodeOrder: PacketInfo[] = [];
      let lastDuration = 0;
      // Metadata only: the sample table of the container, no frame data is read.
      for await (const p of sink.packets(undefined, undefined, { metadataOnly: true })) {
        decodeOrder.push({
          us: p.microsecondTimestamp,
          seconds: p.timestamp,
          key: p.type === 'key',
          order: decodeOrder.length,
        });
        lastDuration = p.duration;
      }
      if (decodeOrder.length === 0) throw new Error('The video track has no frames.');
      const packets = [...decodeOrder].sort((a, b) => a.seconds - b.seconds);
      const last = packets[packets.length - 1]!;
      const lastInDecodeOrder = decodeOrder[decodeOrder.length - 1]!;
      const table = frameTable(
        packets.map((p) => p.seconds),
        last === lastInDecodeOrder && lastDuration > 0 ? lastDuration : undefined,
      );
      const info: ClipInfo = {
        table,
        width: track.displayWidth,
        height: track.displayHeight,
        codec: track.codec ?? 'unknown',
        allIntra: decodeOrder.every((p) => p.key),
      };
      return new ClipDecoder(input, sink, config, packets, decodeOrder, info);
    } catch (err) {
      input.dispose();
      throw err;
    }
  }

  private ensureDecoder(): VideoDecoder {
    if (this.failure) throw this.failure;
    if (this.decoder && this.decoder.state !== 'closed') return this.decoder;
    this.decoder = new VideoDecoder({
      output: (frame) => {
        const old = this.outputs.get(frame.timestamp);
        old?.close();
        this.outputs.set(frame.timestamp, frame);
      },
      error: (e) => {
        this.failure = new Error(`The video decoder failed: ${e.message}`);
      },
    });
    this.decoder.configure(this.config);
    return this.decoder;
  }

  /**
   * Decode the given frames (indices in presentation order) in one batch and return them, in the
   * order asked. One flush per batch: the decoder holds pictures back for reordering until flushed.
   * The caller owns the returned frames and must close them.
   */
  async decode(indices: readonly number[]): Promise<Map<number, VideoFrame>> {
    if (this.closed) throw new Error('The clip is closed.');
    const wanted = new Map<number, number>(); // microsecond timestamp → frame index
    const toFeed = new Set<number>(); // decode-order positions
    for (const i of indices) {
      const p = this.packets[i];
      if (!p) continue;
      wanted.set(p.us, i);
      // From the last key frame at or before the target in decode order, up to the target.
      let k = p.order;
      while (k > 0 && !this.decodeOrder[k]!.key) k--;
      for (let j = k; j <= p.order; j++) toFeed.add(j);
    }
    const decoder = this.ensureDecoder();
    const order = [...toFeed].sort((a, b) => a - b);
    let previous = -2;
    for (const j of order) {
      const info = this.decodeOrder[j]!;
      // A decoder can only resume after a gap at a key frame; the ranges above guarantee it.
      if (j !== previous + 1 && !info.key) throw new Error(`Internal: frame ${j} fed without its key frame.`);
      const packet: EncodedPacket | null = await this.sink.getPacket(info.seconds);
      if (!packet) throw new Error(`Frame at ${info.seconds} s could not be read from the file.`);
      decoder.decode(packet.toEncodedVideoChunk());
      previous = j;
    }
    await decoder.flush();
    if (this.failure) throw this.failure;
    const result = new Map<number, VideoFrame>();
    for (const [us, frame] of this.outputs) {
      const i = wanted.get(us);
      if (i !== undefined) result.set(i, frame);
      else frame.close();
    }
    this.outputs.clear();
    return result;
  }

  close(): void {
    this.closed = true;
    for (const f of this.outputs.values()) f.close();
    this.outputs.clear();
    if (this.decoder && this.decoder.state !== 'closed') this.decoder.close();
    this.input.dispose();
  }
}
