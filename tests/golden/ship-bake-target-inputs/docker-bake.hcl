variable "TAG" {
  default = "latest"
}

group "default" {
  targets = ["api"]
}

target "base" {
  context    = "app"
  dockerfile = "Dockerfile.base"
}

target "api" {
  context    = "app"
  target     = "runtime"
  contexts = {
    base = "target:base"
  }
  tags = ["shop/api:${TAG}"]
}
