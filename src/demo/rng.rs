//! Randomness: splitmix64, so the output never depends on a crate's version.

pub(super) struct Rng(u64);

impl Rng {
    pub(super) fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub(super) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub(super) fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// True with probability `percent`/100.
    pub(super) fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// Uniform in [0, 1).
    pub(super) fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub(super) fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// `k` distinct elements of `items` in random order (partial Fisher–Yates).
    pub(super) fn sample(&mut self, items: &[usize], k: usize) -> Vec<usize> {
        let mut v = items.to_vec();
        let k = k.min(v.len());
        for i in 0..k {
            let j = i + self.below(v.len() - i);
            v.swap(i, j);
        }
        v.truncate(k);
        v
    }
}

/// `r` raised to the fraction `p`/65536, by square roots only (exact IEEE
/// operations, unlike `powf`, so the result is the same everywhere).
pub(super) fn pow_frac(r: f64, p: u16) -> f64 {
    let mut root = r;
    let mut acc = 1.0;
    for bit in (0..16).rev() {
        root = root.sqrt();
        if (p >> bit) & 1 == 1 {
            acc *= root;
        }
    }
    acc
}
