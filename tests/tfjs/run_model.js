// Reference runner: executes a TF.js layers model (e.g. a Teachable Machine export) with
// the pure-JavaScript CPU backend and writes its outputs, so the C++ importer can be
// compared with TensorFlow's own implementation.
//
// usage: node run_model.js MODEL_JSON INPUT.bin N SIZE OUTPUT_PREFIX
//   INPUT.bin: N*SIZE*SIZE*3 float32 little-endian, NHWC, already preprocessed.
//   Writes OUTPUT_PREFIX.embedding.bin (output of the model's first layer: base + pooling)
//   and OUTPUT_PREFIX.output.bin (the whole model's output), float32, plus a shape line
//   per file on stdout.
'use strict';
const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs');

function setInputSize(node, size) {
  if (Array.isArray(node)) {
    node.forEach((child) => setInputSize(child, size));
  } else if (node && typeof node === 'object') {
    if (Array.isArray(node.batch_input_shape) && node.batch_input_shape.length === 4) {
      node.batch_input_shape = [null, size, size, node.batch_input_shape[3]];
    }
    Object.values(node).forEach((child) => setInputSize(child, size));
  }
}

function loaderFor(modelJsonPath, size) {
  const modelJson = JSON.parse(fs.readFileSync(modelJsonPath, 'utf8'));
  setInputSize(modelJson.modelTopology, size);
  const folder = path.dirname(modelJsonPath);
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
  return {load: async () => ({modelTopology: modelJson.modelTopology, weightSpecs, weightData})};
}

function writeTensor(tensor, file) {
  const data = tensor.dataSync();
  fs.writeFileSync(file, Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  console.log(`${path.basename(file)} ${tensor.shape.join('x')}`);
}

async function main() {
  const [modelJsonPath, inputPath, count, size, outputPrefix] = process.argv.slice(2);
  if (!outputPrefix) {
    console.error('usage: node run_model.js MODEL_JSON INPUT.bin N SIZE OUTPUT_PREFIX');
    process.exit(2);
  }
  await tf.setBackend('cpu');
  const model = await tf.loadLayersModel(loaderFor(modelJsonPath, Number(size)));
  const raw = fs.readFileSync(inputPath);
  const values = new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
  const input = tf.tensor4d(values, [Number(count), Number(size), Number(size), 3]);
  writeTensor(model.layers[0].predict(input), `${outputPrefix}.embedding.bin`);
  writeTensor(model.predict(input), `${outputPrefix}.output.bin`);
}

main().catch((error) => {
  console.error(error && error.stack ? error.stack : String(error));
  process.exit(1);
});
