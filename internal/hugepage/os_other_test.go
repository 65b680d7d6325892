//go:build !linux

package hugepage

const isLinux = false
