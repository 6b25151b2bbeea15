target "vendor" {
  target = "export-vendor"
  output = ["type=local,dest=vendor"]
}
target "image" {
  output = ["type=docker"]
}
