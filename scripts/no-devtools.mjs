// Stands in for react-devtools-core in the bundle (scripts/build.mjs): Ink loads it only when DEV=true.
export default { initialize() {}, connectToDevTools() {} };
