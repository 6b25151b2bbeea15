echo "lib" $lib_undefined
