import { openApiDocument } from "./src/http/OpenApiDocument.ts"
const doc = openApiDocument()
console.log(JSON.stringify(doc, null, 1).slice(0, 6000))
console.log(Object.keys(doc.paths))
