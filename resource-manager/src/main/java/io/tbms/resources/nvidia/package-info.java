/**
 * Local GPUs read with {@code nvidia-smi}, an extra source next to Triton's metrics.
 * {@link io.tbms.resources.nvidia.NvidiaSmiCsv} parses its CSV output (pure);
 * {@link io.tbms.resources.nvidia.NvidiaSmi} runs it, when it is on the PATH, off the event loop.
 */
package io.tbms.resources.nvidia;
