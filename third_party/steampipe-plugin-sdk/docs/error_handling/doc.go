/*
Error Handling

TODO
*/
package error_handling

// ForceImport is a mechanism to ensure godoc can reference all required packages
type ForceImport string
