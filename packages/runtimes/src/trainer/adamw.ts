import * as tf from "@tensorflow/tfjs";

export interface AdamWConfig {
  beta1: number;
  beta2: number;
  epsilon: number;
  weightDecay: number;
  /** Parameters that get no weight decay (norm gains), as is usual for transformers. */
  noDecay?: (name: string) => boolean;
}

/**
 * AdamW (Loshchilov & Hutter: decoupled weight decay) over gradients from TF.js's autograd.
 * TF.js ships Adam but not AdamW, and its optimizers keep their moments private; this one exposes
 * them (and the step) so a checkpoint can save and restore them exactly.
 */
export class AdamW {
  step = 0;
  readonly m = new Map<string, tf.Variable>();
  readonly v = new Map<string, tf.Variable>();

  constructor(
    private readonly params: Record<string, tf.Variable>,
    private readonly config: AdamWConfig,
  ) {
    for (const [name, p] of Object.entries(params)) {
      // tidy disposes the zeros tensors; variables are not tracked by tidy and survive.
      this.m.set(
        name,
        tf.tidy(() => tf.variable(tf.zerosLike(p), false)),
      );
      this.v.set(
        name,
        tf.tidy(() => tf.variable(tf.zerosLike(p), false)),
      );
    }
  }

  /** One update with learning rate `lr`; `grads` are already accumulated and clipped. */
  apply(grads: Record<string, tf.Tensor>, lr: number): void {
    this.step += 1;
    const { beta1, beta2, epsilon, weightDecay } = this.config;
    const bc1 = 1 - beta1 ** this.step;
    const bc2 = 1 - beta2 ** this.step;
    tf.tidy(() => {
      for (const [name, p] of Object.entries(this.params)) {
        const g = grads[name];
        if (!g) continue;
        const m = this.m.get(name)!;
        const v = this.v.get(name)!;
        const mNew = m.mul(beta1).add(g.mul(1 - beta1));
        const vNew = v.mul(beta2).add(g.square().mul(1 - beta2));
        m.assign(mNew);
        v.assign(vNew);
        const update = mNew.div(bc1).div(vNew.div(bc2).sqrt().add(epsilon));
        const decay = weightDecay > 0 && !this.config.noDecay?.(name) ? p.mul(weightDecay) : undefined;
        p.assign(p.sub((decay ? update.add(decay) : update).mul(lr)));
      }
    });
  }

  dispose(): void {
    for (const t of [...this.m.values(), ...this.v.values()]) t.dispose();
  }
}

/** Global L2 norm of all gradients, and the gradients scaled so that norm ≤ maxNorm (when given). */
export function clipByGlobalNorm(
  grads: Record<string, tf.Tensor>,
  maxNorm: number | undefined,
): { norm: number; grads: Record<string, tf.Tensor> } {
  const names = Object.keys(grads).sort();
  const normTensor = tf.tidy(() => tf.addN(names.map((n) => grads[n]!.square().sum())).sqrt());
  const norm = normTensor.dataSync()[0]!;
  normTensor.dispose();
  if (maxNorm === undefined || !Number.isFinite(norm) || norm <= maxNorm) return { norm, grads };
  const scale = maxNorm / (norm + 1e-6);
  const clipped: Record<string, tf.Tensor> = {};
  for (const n of names) {
    clipped[n] = grads[n]!.mul(scale);
    grads[n]!.dispose();
  }
  return { norm, grads: clipped };
}
