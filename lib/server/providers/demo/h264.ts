// A still picture as H.264 (Constrained Baseline) without an encoder: the key frame
// carries every macroblock as I_PCM, raw samples the standard allows in any profile,
// and each later frame skips every macroblock, repeating the picture for a few bytes.
// That is all a cover-with-music video needs, and it is valid input to any decoder.
import type { YuvFrame } from "./raster";

export interface H264Still {
  /** NAL units without start codes, as an MP4 `avcC` box holds them. */
  sps: Buffer;
  pps: Buffer;
  profile: number;
  compatibility: number;
  level: number;
  keyFrame: Buffer;
  repeatFrame(index: number): Buffer;
}

const PROFILE_BASELINE = 66;
/** constraint_set0 and set1: Constrained Baseline, which every browser decodes. */
const COMPATIBILITY = 0xc0;
/** Level 3.0 allows 1,620 macroblocks a frame; a 512×512 picture has 1,024. */
const LEVEL = 30;
const LOG2_MAX_FRAME_NUM = 4;
const I_PCM = 25;

class BitWriter {
  private bytes: number[] = [];
  private current = 0;
  private used = 0;

  bits(value: number, count: number) {
    for (let i = count - 1; i >= 0; i--) {
      this.current = (this.current << 1) | ((value >>> i) & 1);
      if (++this.used === 8) this.flushByte();
    }
  }

  /** Exp-Golomb, unsigned. */
  ue(value: number) {
    const coded = value + 1;
    const length = 32 - Math.clz32(coded);
    this.bits(0, length - 1);
    this.bits(coded, length);
  }

  alignZero() {
    while (this.used !== 0) this.bits(0, 1);
  }

  raw(data: Uint8Array) {
    if (this.used === 0) for (const byte of data) this.bytes.push(byte);
    else for (const byte of data) this.bits(byte, 8);
  }

  /** rbsp_trailing_bits, then the NAL unit with emulation prevention applied. */
  nal(header: number): Buffer {
    this.bits(1, 1);
    this.alignZero();
    const out: number[] = [header];
    let zeros = 0;
    for (const byte of this.bytes) {
      if (zeros >= 2 && byte <= 3) {
        out.push(3);
        zeros = 0;
      }
      out.push(byte);
      zeros = byte === 0 ? zeros + 1 : 0;
    }
    return Buffer.from(out);
  }

  private flushByte() {
    this.bytes.push(this.current);
    this.current = 0;
    this.used = 0;
  }
}

export function encodeStill(frame: YuvFrame): H264Still {
  if (frame.width % 16 !== 0 || frame.height % 16 !== 0) throw new Error("the still must be whole macroblocks");
  const mbWidth = frame.width / 16;
  const mbHeight = frame.height / 16;
  return {
    sps: sequenceParameterSet(mbWidth, mbHeight),
    pps: pictureParameterSet(),
    profile: PROFILE_BASELINE,
    compatibility: COMPATIBILITY,
    level: LEVEL,
    keyFrame: pcmKeyFrame(frame, mbWidth, mbHeight),
    repeatFrame: (index) => skippedFrame(index, mbWidth * mbHeight),
  };
}

function sequenceParameterSet(mbWidth: number, mbHeight: number): Buffer {
  const w = new BitWriter();
  w.bits(PROFILE_BASELINE, 8);
  w.bits(COMPATIBILITY, 8);
  w.bits(LEVEL, 8);
  w.ue(0); // seq_parameter_set_id
  w.ue(LOG2_MAX_FRAME_NUM - 4);
  w.ue(2); // pic_order_cnt_type 2: output order is decode order
  w.ue(1); // max_num_ref_frames
  w.bits(0, 1); // gaps_in_frame_num_value_allowed_flag
  w.ue(mbWidth - 1);
  w.ue(mbHeight - 1);
  w.bits(1, 1); // frame_mbs_only_flag
  w.bits(1, 1); // direct_8x8_inference_flag
  w.bits(0, 1); // frame_cropping_flag
  w.bits(0, 1); // vui_parameters_present_flag
  return w.nal(0x67);
}

function pictureParameterSet(): Buffer {
  const w = new BitWriter();
  w.ue(0); // pic_parameter_set_id
  w.ue(0); // seq_parameter_set_id
  w.bits(0, 1); // entropy_coding_mode_flag: CAVLC
  w.bits(0, 1); // bottom_field_pic_order_in_frame_present_flag
  w.ue(0); // num_slice_groups_minus1
  w.ue(0); // num_ref_idx_l0_default_active_minus1
  w.ue(0); // num_ref_idx_l1_default_active_minus1
  w.bits(0, 1); // weighted_pred_flag
  w.bits(0, 2); // weighted_bipred_idc
  w.ue(0); // pic_init_qp_minus26 (se(0) codes like ue(0))
  w.ue(0); // pic_init_qs_minus26
  w.ue(0); // chroma_qp_index_offset
  w.bits(1, 1); // deblocking_filter_control_present_flag, so slices can switch it off
  w.bits(0, 1); // constrained_intra_pred_flag
  w.bits(0, 1); // redundant_pic_cnt_present_flag
  return w.nal(0x68);
}

function pcmKeyFrame(frame: YuvFrame, mbWidth: number, mbHeight: number): Buffer {
  const w = new BitWriter();
  w.ue(0); // first_mb_in_slice
  w.ue(7); // slice_type: I, and every slice of the picture is I
  w.ue(0); // pic_parameter_set_id
  w.bits(0, LOG2_MAX_FRAME_NUM); // frame_num
  w.ue(0); // idr_pic_id
  w.bits(0, 1); // no_output_of_prior_pics_flag
  w.bits(0, 1); // long_term_reference_flag
  w.ue(0); // slice_qp_delta
  w.ue(1); // disable_deblocking_filter_idc: the picture is exact, nothing to smooth
  const block = new Uint8Array(384);
  for (let my = 0; my < mbHeight; my++) {
    for (let mx = 0; mx < mbWidth; mx++) {
      w.ue(I_PCM);
      w.alignZero(); // pcm_alignment_zero_bit
      for (let row = 0; row < 16; row++) block.set(frame.y.subarray((my * 16 + row) * frame.width + mx * 16, (my * 16 + row) * frame.width + mx * 16 + 16), row * 16);
      const half = frame.width / 2;
      for (let row = 0; row < 8; row++) {
        block.set(frame.u.subarray((my * 8 + row) * half + mx * 8, (my * 8 + row) * half + mx * 8 + 8), 256 + row * 8);
        block.set(frame.v.subarray((my * 8 + row) * half + mx * 8, (my * 8 + row) * half + mx * 8 + 8), 320 + row * 8);
      }
      w.raw(block);
    }
  }
  return w.nal(0x65);
}

/** A P picture whose macroblocks are all skipped: the previous picture again. */
function skippedFrame(index: number, macroblocks: number): Buffer {
  const w = new BitWriter();
  w.ue(0); // first_mb_in_slice
  w.ue(5); // slice_type: P, every slice
  w.ue(0); // pic_parameter_set_id
  w.bits(index % (1 << LOG2_MAX_FRAME_NUM), LOG2_MAX_FRAME_NUM); // frame_num: each picture is a reference, so it counts up
  w.bits(0, 1); // num_ref_idx_active_override_flag
  w.bits(0, 1); // ref_pic_list_modification_flag_l0
  w.bits(0, 1); // adaptive_ref_pic_marking_mode_flag
  w.ue(0); // slice_qp_delta
  w.ue(1); // disable_deblocking_filter_idc
  w.ue(macroblocks); // mb_skip_run
  return w.nal(0x41);
}
