// Runs a TransferLab TF.js export the way its metadata.json documents, with TensorFlow.js
// itself (pure JavaScript CPU backend): loads the folder with tf.loadLayersModel as
// @teachablemachine/image does (model.json + weights.bin), checks what that library relies
// on (metadata labels and imageSize against the model's input and output shapes), scales the
// given 8-bit RGB pixels with metadata.input's scale and offset, and writes the probabilities.
//
// usage: node run_export.js EXPORT_DIR PIXELS.u8 N OUTPUT.f32
//   PIXELS.u8: N * imageSize * imageSize * 3 bytes, RGB, NHWC, already resized as metadata says.
//   OUTPUT.f32: N * classes float32, little-endian. Prints a JSON summary line on stdout.
'use strict';
const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs');

// tf.io's file loading needs @tensorflow/tfjs-node; this does what its HTTP loader does.
function folderLoader(folder) {
  const modelJson = JSON.parse(fs.readFileSync(path.join(folder, 'model.json'), 'utf8'));
  const weightSpecs = [];
  const buffers = [];
  for (const group of modelJson.weightsManifest) {
    weightSpecs.push(...group.weights);
    for (const shard of group.paths) {
      buffers.push(fs.readFileSync(path.join(folder, shard)));
    }
  }
  const all = Buffer.concat(buffers);
  const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
  return {
    load: async () => ({
      modelTopology: modelJson.modelTopology,
      format: modelJson.format,
      generatedBy: modelJson.generatedBy,
      weightSpecs,
      weightData,
    }),
  };
}

function fail(message) {
  console.error(message);
  process.exit(1);
}

async function main() {
  const [folder, pixelsPath, countText, outputPath] = process.argv.slice(2);
  if (!outputPath) {
    fail('usage: node run_export.js EXPORT_DIR PIXELS.u8 N OUTPUT.f32');
  }
  await tf.setBackend('cpu');
  const metadata = JSON.parse(fs.readFileSync(path.join(folder, 'metadata.json'), 'utf8'));
  const model = await tf.loadLayersModel(folderLoader(folder));

  // What @teachablemachine/image reads: labels, imageSize, and the output width.
  const size = metadata.imageSize;
  const inputShape = model.inputs[0].shape;
  const classes = model.outputs[0].shape[1];
  if (!Array.isArray(metadata.labels) || metadata.labels.length !== classes) {
    fail(`metadata.labels has ${metadata.labels && metadata.labels.length} labels, the model ${classes} outputs`);
  }
  if (inputShape[1] !== size || inputShape[2] !== size || inputShape[3] !== 3) {
    fail(`model input ${JSON.stringify(inputShape)} does not match imageSize ${size}`);
  }
  const input = metadata.input;
  if (input.layout !== 'NHWC' || input.channels !== 'RGB' || input.size !== size) {
    fail(`unexpected metadata.input ${JSON.stringify(input)}`);
  }

  const count = Number(countText);
  const pixels = fs.readFileSync(pixelsPath);
  if (pixels.length !== count * size * size * 3) {
    fail(`${pixelsPath}: ${pixels.length} bytes, expected ${count * size * size * 3}`);
  }
  const x = tf.tidy(() => tf.tensor4d(new Uint8Array(pixels), [count, size, size, 3], 'int32')
                               .toFloat()
                               .mul(input.scale)
                               .add(input.offset));
  const output = model.predict(x);
  const data = output.dataSync();
  fs.writeFileSync(outputPath, Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  console.log(JSON.stringify({
    tfjs: tf.version.tfjs,
    backend: tf.getBackend(),
    input: inputShape,
    output: output.shape,
    labels: metadata.labels,
    layers: model.layers.map((layer) => layer.getClassName()),
  }));
}

main().catch((error) => fail(error && error.stack ? error.stack : String(error)));
